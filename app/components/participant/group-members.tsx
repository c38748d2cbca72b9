import type { BriefsView, GroupMemberView } from "../../../server/domain/workshop/views";
import { ROLE_ORDER, roleLabel } from "./roles";

/**
 * The people in the viewer's group and who plays what. Roles come from the
 * view: in "done" they are already next round's, and the heading says so.
 */
export function GroupMembers({
  heading,
  headingId,
  members,
  meId,
  briefs,
  showReady = false,
}: {
  heading: string;
  headingId: string;
  members: GroupMemberView[];
  meId: string;
  briefs: Pick<BriefsView, "patient"> | null;
  showReady?: boolean;
}) {
  const ordered = [...members].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
  return (
    <section className="card p-group-members" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      <ul className="p-members" data-testid="group-members">
        {ordered.map((m) => (
          <li key={m.id} className={`p-member ${m.id === meId ? "is-me" : ""}`} data-member-role={m.role}>
            <span className="person">
              <span className={`status-dot ${m.connected ? "online" : ""}`} aria-hidden="true" />
              <span className="person-name">
                {m.displayName}
                {m.id === meId ? " (you)" : ""}
              </span>
              <span className="visually-hidden">{m.connected ? ", connected" : ", not connected"}</span>
            </span>
            <span className="p-member-tags">
              <span className={`p-role-pill p-role-pill-${m.role}`}>
                <span className="visually-hidden">plays </span>
                {roleLabel(m.role, briefs)}
              </span>
              {showReady ? (
                m.ready ? (
                  <span className="badge ok">
                    <span aria-hidden="true">✓ </span>Ready
                  </span>
                ) : (
                  <span className="badge muted">Reading</span>
                )
              ) : null}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
