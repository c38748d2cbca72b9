export * from "./types";
export { decide, isActiveParticipant } from "./decide";
export { evolve, fold } from "./evolve";
export * from "./room-code";
export * from "./views";
export * from "./inputs";
