import { createContext, useContext, type ReactNode } from "react";
import type { AudioSignalSocket } from "./types";

/**
 * The page's socket for audio rooms and the room chat, so a screen deep in
 * the participant page can hold an AudioRoom without the socket being passed
 * through every component on the way.
 */
const AudioSocketContext = createContext<AudioSignalSocket | null>(null);

export function AudioSocketProvider({ socket, children }: { socket: AudioSignalSocket | null; children: ReactNode }) {
  return <AudioSocketContext.Provider value={socket}>{children}</AudioSocketContext.Provider>;
}

export function useAudioSocket(): AudioSignalSocket | null {
  return useContext(AudioSocketContext);
}
