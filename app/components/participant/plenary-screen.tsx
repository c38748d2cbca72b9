import { Link } from "@remix-run/react";
import type { Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../../server/domain/socket-contract";
import type { ParticipantView } from "../../../server/domain/workshop/views";
import { ParticipantBoard } from "../board/lazy-board";
import { PhaseHeader } from "./phase-header";

export type BoardSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Everyone together: the live debrief board, and a link to one's own summary. */
export function PlenaryScreen({ view, socket }: { view: ParticipantView; socket: BoardSocket | null }) {
  return (
    <div className="stack">
      <PhaseHeader eyebrow={view.round > 0 ? `${view.round} round${view.round === 1 ? "" : "s"} played` : null} phase="Plenary debrief" tone="plenary" serverNow={view.serverNow} />
      <p>
        <Link to={`/p/${view.workshopId}/summary`} target="_blank" rel="noopener" data-testid="summary-link">
          Your summary<span className="visually-hidden"> (opens in a new tab)</span>
        </Link>{" "}
        — your own scores and the notes about your turns, for you alone.
      </p>
      <ParticipantBoard workshopId={view.workshopId} socket={socket} />
    </div>
  );
}
