import type { FacilitatorRosterEntry } from "../../../server/domain/workshop/views";
import type { RunCommand } from "./use-console-commands";

/** People not in a group: everyone before grouping, late joiners afterwards. */
export function LobbyPanel({
  people,
  groups,
  ended,
  onRemove,
  run,
}: {
  people: FacilitatorRosterEntry[];
  groups: { id: string; name: string }[];
  ended: boolean;
  onRemove: (person: { id: string; name: string }) => void;
  run: RunCommand;
}) {
  if (people.length === 0) return <p className="muted">{groups.length > 0 ? "Everyone is in a group." : "Nobody has joined yet. Share the room code."}</p>;
  return (
    <ul className="roster" data-testid="roster">
      {people.map((p) => (
        <li key={p.id} data-testid="roster-entry" data-connected={p.connected}>
          <div className="person">
            <span className={`status-dot ${p.connected ? "online" : ""}`} aria-hidden="true" />
            <span className="person-name">{p.displayName}</span>
            <span className="visually-hidden">{p.connected ? "connected" : "not connected"}</span>
            {p.team || p.shift ? <span className="muted">{[p.team, p.shift].filter(Boolean).join(" · ")}</span> : null}
          </div>
          {!ended ? (
            <div className="member-controls">
              {groups.length > 0 ? (
                <>
                  <label className="visually-hidden" htmlFor={`place-${p.id}`}>
                    Place {p.displayName} in a group
                  </label>
                  <select id={`place-${p.id}`} value="" onChange={(e) => e.target.value && run({ type: "placeParticipant", participantId: p.id, groupId: e.target.value })}>
                    <option value="">Place in…</option>
                    {groups.map((g) => (
                      <option key={g.id} value={g.id}>
                        {g.name}
                      </option>
                    ))}
                  </select>
                </>
              ) : null}
              <button type="button" className="button secondary small" onClick={() => onRemove({ id: p.id, name: p.displayName })}>
                Remove<span className="visually-hidden"> {p.displayName}</span>
              </button>
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
