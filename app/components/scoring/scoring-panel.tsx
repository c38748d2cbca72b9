import type { ParticipantView } from "../../../server/domain/workshop/views";
import type { ClientCommand, CommandAck } from "../../../server/domain/socket-contract";
import { useClockOffset } from "~/realtime/server-clock";
import type { ConnectionState } from "~/realtime/use-workshop-socket";
import { ObserverSheet } from "./observer-sheet";
import { RoomDebrief } from "./room-debrief";

/**
 * Everything about scoring on the participant page, in one place to render:
 * observers get their sheet from the role-play on; in the room debrief
 * everyone gets the reveal sequence. Performers see nothing of it during the
 * role-play (and the server would refuse them the sheet anyway).
 */
export function ScoringPanel({
  view,
  me,
  send,
  connection = "online",
}: {
  view: ParticipantView;
  me: { id: string; displayName: string };
  send: (command: ClientCommand) => Promise<CommandAck>;
  /** The workshop connection (socket.io), which carries commands such as submitting. */
  connection?: ConnectionState;
}) {
  const scoring = view.scoring;
  const clockOffsetMs = useClockOffset(view.serverNow);
  if (!scoring || scoring.phase === "briefing" || scoring.phase === "waiting") return null;
  const inDebrief = scoring.phase === "debrief" || scoring.phase === "done";
  return (
    <div className="stack scoring-panel" data-testid="scoring-panel">
      {inDebrief ? <RoomDebrief scoring={scoring} send={send} canSend={connection === "online"} /> : null}
      {scoring.role === "observer" && scoring.sheetAccess ? (
        <ObserverSheet workshopId={view.workshopId} me={me} scoring={scoring} send={send} clockOffsetMs={clockOffsetMs} canSend={connection === "online"} />
      ) : null}
    </div>
  );
}
