import { PHASE_LABELS } from "../../../server/domain/workshop/decide-session";
import { AudioRoom } from "~/components/audio/audio-room";
import { CurveballCards } from "./curveballs";
import { DebriefPrompts } from "./debrief-prompts";
import { GroupMembers } from "./group-members";
import { CollapsedBriefs } from "./my-briefs";
import { PhaseHeader } from "./phase-header";
import { roleLabel } from "./roles";
import { roundOf, type GroupScreenProps } from "./screen-props";

/** The group talks the round through; the briefs stay at hand, folded away. */
export function DebriefScreen({ view, group, role, meId }: GroupScreenProps) {
  return (
    <div className="stack">
      <PhaseHeader
        eyebrow={roundOf(view.round, view.totalRounds)}
        phase={PHASE_LABELS.debrief}
        roleText="You played:"
        role={roleLabel(role, view.briefs)}
        tone="debrief"
        timer={group.timer}
        serverNow={view.serverNow}
      />
      <DebriefPrompts />
      <AudioRoom groupId={group.id} phase={group.phase} meId={meId} members={group.members} roleLabel={(r) => (r === "facilitator" ? "Facilitator" : roleLabel(r, view.briefs))} />
      <CurveballCards curveballs={group.curveballs} afterwards />
      <CollapsedBriefs role={role} briefs={view.briefs} rubric={view.rubric} scenario={view.scenario} />
      <GroupMembers heading={`Your group: ${group.name}`} headingId="group-heading" members={group.members} meId={meId} briefs={view.briefs} />
    </div>
  );
}
