export * from "./audio-rules";
export * from "./audio-contract";
export * from "./livekit-grants";
export * from "./room-actions";
export * from "./room-chat";
export * from "./sdp";
