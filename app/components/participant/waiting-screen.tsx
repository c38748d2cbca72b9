import { PHASE_LABELS } from "../../../server/domain/workshop/decide-session";
import { MicCheck } from "~/components/audio/mic-check";
import { GroupMembers } from "./group-members";
import { PhaseHeader } from "./phase-header";
import { ROLE_MEANING, roleLabel } from "./roles";
import { roundOf, type GroupScreenProps } from "./screen-props";

/** Grouped, before the first round: the group, everyone's first role, and what yours means. */
export function WaitingScreen({ view, group, role, meId }: GroupScreenProps) {
  return (
    <div className="stack">
      <PhaseHeader
        eyebrow={roundOf(Math.max(view.round, 1), view.totalRounds)}
        phase={PHASE_LABELS.waiting}
        role={roleLabel(role, view.briefs)}
        tone="waiting"
        serverNow={view.serverNow}
      />
      <section className="card p-role-card" aria-labelledby="role-meaning">
        <p className="p-kicker">You are in {group.name}</p>
        <h2 id="role-meaning">What your role means</h2>
        <p>{ROLE_MEANING[role]}</p>
        <p className="muted">The facilitator will start the round soon. Your brief appears here when it does.</p>
      </section>
      <GroupMembers heading={`${group.name} — first-round roles`} headingId="group-heading" members={group.members} meId={meId} briefs={view.briefs} />
      <MicCheck />
    </div>
  );
}
