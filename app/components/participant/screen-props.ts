import type { ClientCommand } from "../../../server/domain/socket-contract";
import type { Role } from "../../../server/domain/workshop/types";
import type { ParticipantGroupView, ParticipantView } from "../../../server/domain/workshop/views";

/** Sends a command; resolves true when the server accepted it (errors are shown by the page). */
export type RunCommand = (command: ClientCommand) => Promise<boolean>;

/** What every in-group screen gets. */
export interface GroupScreenProps {
  view: ParticipantView;
  group: ParticipantGroupView;
  role: Role;
  meId: string;
  run: RunCommand;
}

export function roundOf(round: number, totalRounds: number): string {
  return totalRounds > 0 ? `Round ${round} of ${totalRounds}` : `Round ${round}`;
}
