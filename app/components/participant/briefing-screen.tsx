import { PHASE_LABELS } from "../../../server/domain/workshop/decide-session";
import { GroupMembers } from "./group-members";
import { MyBriefs } from "./my-briefs";
import { PhaseHeader } from "./phase-header";
import { ReadyToggle } from "./ready-toggle";
import { BRIEFING_TASK, roleLabel } from "./roles";
import { ScenarioSummaryCard } from "./scenario-summary";
import { roundOf, type GroupScreenProps } from "./screen-props";

/** Read the scenario and your brief, then say you are ready. */
export function BriefingScreen({ view, group, role, meId, run }: GroupScreenProps) {
  const me = group.members.find((m) => m.id === meId);
  return (
    <div className="stack p-briefing-screen">
      <PhaseHeader
        eyebrow={roundOf(view.round, view.totalRounds)}
        phase={PHASE_LABELS.briefing}
        role={roleLabel(role, view.briefs)}
        tone="briefing"
        timer={group.timer}
        serverNow={view.serverNow}
      />
      <p className="p-task">{BRIEFING_TASK[role]}</p>
      {view.scenario ? <ScenarioSummaryCard scenario={view.scenario} /> : null}
      <MyBriefs role={role} briefs={view.briefs} rubric={view.rubric} />
      <GroupMembers heading={`Your group: ${group.name}`} headingId="group-heading" members={group.members} meId={meId} briefs={view.briefs} showReady />
      <ReadyToggle
        ready={me?.ready ?? false}
        readyCount={group.readyCount}
        groupSize={group.members.length}
        onChange={(ready) => run({ type: "setReady", ready })}
      />
    </div>
  );
}
