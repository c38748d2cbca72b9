import type { FacilitatorGroupView } from "../../../server/domain/workshop/views";
import { PHASE_LABELS } from "../../../server/domain/workshop/decide-session";
import { ListenIn } from "~/components/audio/listen-in";
import { Countdown } from "~/components/countdown";
import { ScoringProgress } from "~/components/scoring/scoring-progress";
import { ROLE_LABELS, type ScenarioOption } from "./catalog-options";
import type { RunCommand } from "./use-console-commands";
import { useState } from "react";

/**
 * One group at a glance: who plays what, who is connected, phase and time
 * left, ready count, help requests and curveballs — plus its own controls.
 */
export function GroupCard({
  group,
  groups,
  serverNow,
  scenarios,
  canEditLineup,
  run,
}: {
  group: FacilitatorGroupView;
  groups: { id: string; name: string }[];
  serverNow: number;
  scenarios: ScenarioOption[];
  canEditLineup: boolean;
  run: RunCommand;
}) {
  const [curveball, setCurveball] = useState("");
  const headingId = `group-${group.id}-heading`;
  const inPhase = ["briefing", "roleplay", "reset", "debrief"].includes(group.phase);
  const paused = group.timer?.endsAt === null && group.timer?.pausedRemainingMs !== null;
  const betweenRounds = group.phase === "waiting" || group.phase === "done";
  return (
    <article className={`card group-card ${group.help ? "needs-help" : ""}`} aria-labelledby={headingId} data-testid="group-card" data-group-id={group.id}>
      <header className="group-card-header">
        <div>
          <h3 id={headingId}>{group.name}</h3>
          <p className="muted">{group.scenario?.title ?? "Scenario chosen when the round starts"}</p>
        </div>
        <div className="group-phase">
          <span className={`badge phase-${group.phase}`} data-testid="group-phase">
            {PHASE_LABELS[group.phase]}
          </span>
          {inPhase ? <Countdown timer={group.timer} serverNow={serverNow} /> : null}
        </div>
      </header>

      {group.help ? (
        <div className="alert warn help-alert" role="alert" data-testid="help-alert">
          <strong>{group.help.displayName} asked for help</strong>
          {group.help.message ? <span>: “{group.help.message}”</span> : null}
          <button type="button" className="button small secondary" onClick={() => run({ type: "clearHelp", groupId: group.id })}>
            Mark as handled<span className="visually-hidden"> for {group.name}</span>
          </button>
        </div>
      ) : null}
      {group.warnings.map((w) => (
        <p key={w} className="warning-line">
          ⚠ {w}
        </p>
      ))}

      {group.phase === "briefing" ? (
        <p data-testid="group-ready">
          {group.readyCount} of {group.members.length} ready
        </p>
      ) : null}

      <ul className="member-list" aria-label={`Members of ${group.name}`}>
        {group.members.map((m) => (
          <li key={m.id} data-testid="group-member">
            <span className="person">
              <span className={`status-dot ${m.connected ? "online" : ""}`} aria-hidden="true" />
              <span className="person-name">{m.displayName}</span>
              <span className="visually-hidden">{m.connected ? "connected" : "not connected"}</span>
              {group.phase === "briefing" && m.ready ? <span className="badge ok">ready</span> : null}
            </span>
            <span className="member-controls">
              <label className="visually-hidden" htmlFor={`role-${group.id}-${m.id}`}>
                Role of {m.displayName}
              </label>
              <select
                id={`role-${group.id}-${m.id}`}
                value={m.role}
                className={`role-select role-${m.role}`}
                onChange={(e) => run({ type: "setRole", groupId: group.id, participantId: m.id, role: e.target.value as "patient" | "staff" | "observer" })}
              >
                {(["patient", "staff", "observer"] as const).map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </select>
              {canEditLineup && betweenRounds && groups.length > 1 ? (
                <>
                  <label className="visually-hidden" htmlFor={`move-${group.id}-${m.id}`}>
                    Move {m.displayName} to another group
                  </label>
                  <select
                    id={`move-${group.id}-${m.id}`}
                    value=""
                    onChange={(e) => e.target.value && run({ type: "moveMember", participantId: m.id, toGroupId: e.target.value })}
                  >
                    <option value="">Move to…</option>
                    {groups
                      .filter((g) => g.id !== group.id)
                      .map((g) => (
                        <option key={g.id} value={g.id}>
                          {g.name}
                        </option>
                      ))}
                  </select>
                </>
              ) : null}
            </span>
          </li>
        ))}
      </ul>

      <ListenIn group={group} />

      <div className="group-controls" role="group" aria-label={`Controls for ${group.name}`}>
        {group.phase === "briefing" ? (
          <button type="button" className="button small" onClick={() => run({ type: "startRoleplay", groupIds: [group.id] })}>
            Start role-play<span className="visually-hidden"> in {group.name}</span>
          </button>
        ) : null}
        {inPhase ? (
          <>
            <button type="button" className="button small secondary" onClick={() => run({ type: paused ? "resumeGroup" : "pauseGroup", groupId: group.id })}>
              {paused ? "Resume" : "Pause"}
              <span className="visually-hidden"> {group.name}</span>
            </button>
            <button type="button" className="button small secondary" onClick={() => run({ type: "extendGroup", groupId: group.id, seconds: 60 })}>
              +1 min<span className="visually-hidden"> for {group.name}</span>
            </button>
            <button type="button" className="button small secondary" onClick={() => run({ type: "advanceGroups", groupIds: [group.id] })}>
              {group.phase === "roleplay" ? "End role-play" : "Next phase"}
              <span className="visually-hidden"> in {group.name}</span>
            </button>
          </>
        ) : null}
        {group.phase !== "waiting" && group.phase !== "briefing" ? (
          <button type="button" className="button small link" onClick={() => run({ type: "stepBackGroups", groupIds: [group.id] })}>
            Step back<span className="visually-hidden"> in {group.name}</span>
          </button>
        ) : null}
      </div>

      {group.phase === "roleplay" && group.curveballs.length > 0 ? (
        <form
          className="row curveball-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (curveball) void run({ type: "sendCurveball", groupIds: [group.id], curveballId: curveball }, "Curveball sent.");
          }}
        >
          <label htmlFor={`curveball-${group.id}`} className="visually-hidden">
            Curveball for {group.name}
          </label>
          <select id={`curveball-${group.id}`} value={curveball} onChange={(e) => setCurveball(e.target.value)}>
            <option value="">Choose a curveball…</option>
            {group.curveballs.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
          <button type="submit" className="button small secondary" disabled={!curveball}>
            Send<span className="visually-hidden"> curveball to {group.name}</span>
          </button>
        </form>
      ) : null}
      {group.curveballsSent.length > 0 ? (
        <p className="muted" data-testid="curveballs-sent">
          Curveballs sent: {group.curveballsSent.map((c) => c.title).join(", ")}
        </p>
      ) : null}
      {group.scoring && group.phase !== "briefing" && group.phase !== "waiting" ? <ScoringProgress scoring={group.scoring} groupName={group.name} run={run} /> : null}

      {betweenRounds || group.phase === "briefing" ? (
        <div className="field compact">
          <label htmlFor={`scenario-${group.id}`}>{group.phase === "briefing" ? "Scenario this round" : "Scenario next round"}</label>
          <select
            id={`scenario-${group.id}`}
            value={group.phase === "briefing" ? (group.scenario?.id ?? "") : (group.nextScenarioId ?? "")}
            onChange={(e) => e.target.value && run({ type: "setGroupScenario", groupId: group.id, scenarioId: e.target.value })}
          >
            {group.phase !== "briefing" ? <option value="">As planned</option> : null}
            {scenarios.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </article>
  );
}
