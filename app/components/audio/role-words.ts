import type { AudioRole } from "../../../server/domain/audio/audio-rules";

/** Role names as people say them in the room. */
export function roleWord(role: AudioRole): string {
  switch (role) {
    case "patient":
      return "patient";
    case "staff":
      return "staff member";
    case "observer":
      return "observer";
    case "facilitator":
      return "facilitator";
  }
}
