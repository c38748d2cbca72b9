import { PHASE_LABELS } from "../../../server/domain/workshop/decide-session";
import { AudioRoom } from "~/components/audio/audio-room";
import { CurveballCards } from "./curveballs";
import { GroupMembers } from "./group-members";
import { CollapsedBriefs } from "./my-briefs";
import { PhaseHeader } from "./phase-header";
import { roleLabel } from "./roles";
import { roundOf, type GroupScreenProps } from "./screen-props";

/** The conversation itself: a big clock, curveballs up top, the brief one tap away. */
export function RoleplayScreen({ view, group, role, meId }: GroupScreenProps) {
  return (
    <div className="stack">
      <PhaseHeader
        eyebrow={roundOf(view.round, view.totalRounds)}
        phase={PHASE_LABELS.roleplay}
        role={roleLabel(role, view.briefs)}
        tone="roleplay"
        timer={group.timer}
        serverNow={view.serverNow}
        countdownSize="huge"
      />
      <CurveballCards curveballs={group.curveballs} />
      <GroupMembers heading="Who plays whom" headingId="group-heading" members={group.members} meId={meId} briefs={view.briefs} />
      <CollapsedBriefs role={role} briefs={view.briefs} rubric={view.rubric} scenario={view.scenario} />
      <AudioRoom groupId={group.id} phase={group.phase} meId={meId} members={group.members} roleLabel={(r) => (r === "facilitator" ? "Facilitator" : roleLabel(r, view.briefs))} />
    </div>
  );
}
