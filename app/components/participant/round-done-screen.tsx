import { GroupMembers } from "./group-members";
import { PhaseHeader } from "./phase-header";
import { ROLE_MEANING, roleLabel } from "./roles";
import type { GroupScreenProps } from "./screen-props";

/**
 * The round is over. In "done" the view's roles are already next round's,
 * so "Next round you play" is simply the viewer's role.
 */
export function RoundDoneScreen({ view, group, role, meId }: GroupScreenProps) {
  const moreRounds = view.round < view.totalRounds;
  return (
    <div className="stack">
      <PhaseHeader eyebrow={group.name} phase={`Round ${view.round} complete`} tone="done" serverNow={view.serverNow} />
      {moreRounds ? (
        <>
          <section className="card p-next-round" aria-labelledby="next-role">
            <h2 id="next-role" className="p-next-role-heading">
              Next round you play: <strong data-testid="my-role">{roleLabel(role, null)}</strong>
            </h2>
            <p>{ROLE_MEANING[role]}</p>
            <p className="muted">
              Round {view.round + 1} of {view.totalRounds} starts when the facilitator is ready. Stay with your group.
            </p>
          </section>
          <GroupMembers heading="Next round's roles" headingId="group-heading" members={group.members} meId={meId} briefs={null} />
        </>
      ) : (
        <section className="card p-next-round" aria-labelledby="all-done">
          <h2 id="all-done">All rounds done — the plenary debrief is next</h2>
          <p>Thank you for playing. The facilitator will bring everyone together to share what came up.</p>
        </section>
      )}
    </div>
  );
}
