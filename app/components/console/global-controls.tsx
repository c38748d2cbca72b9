import { useState } from "react";
import type { FacilitatorView } from "../../../server/domain/workshop/views";
import type { RunCommand } from "./use-console-commands";

/** Controls that act on every group at once, and the broadcast message. */
export function GlobalControls({ view, run }: { view: FacilitatorView; run: RunCommand }) {
  const [message, setMessage] = useState("");
  const { plan, groups, round, stage } = view;
  const anyBriefing = groups.some((g) => g.phase === "briefing");
  const anyActive = groups.some((g) => ["briefing", "roleplay", "reset", "debrief"].includes(g.phase));
  const allBetween = groups.length > 0 && groups.every((g) => g.phase === "waiting" || g.phase === "done");
  const moreRounds = plan !== null && round < plan.rounds;
  const inPlenary = stage === "plenary";

  return (
    <section className="card" aria-labelledby="controls-heading" data-testid="global-controls">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 id="controls-heading">{inPlenary ? "Plenary debrief" : round === 0 ? "Get started" : `Round ${round}${plan ? ` of ${plan.rounds}` : ""}`}</h2>
      </div>
      <div className="row">
        {round === 0 && !inPlenary ? (
          <button type="button" className="button" disabled={!plan} onClick={() => run({ type: "formGroups" }, groups.length ? "Groups re-shuffled." : "Groups formed.")}>
            {groups.length ? "Re-shuffle groups" : "Form groups"}
          </button>
        ) : null}
        {allBetween && moreRounds && !inPlenary ? (
          <button type="button" className="button" onClick={() => run({ type: "startRound" })}>
            Start round {round + 1}
          </button>
        ) : null}
        {anyBriefing ? (
          <button type="button" className="button" onClick={() => run({ type: "startRoleplay" })}>
            Start role-play in all groups
          </button>
        ) : null}
        {anyActive ? (
          <>
            <button type="button" className="button secondary" onClick={() => run({ type: "advanceGroups" })}>
              Next phase for all
            </button>
            <button type="button" className="button secondary" onClick={() => run({ type: "stepBackGroups" })}>
              Step back for all
            </button>
          </>
        ) : null}
        {round > 0 && !inPlenary && (allBetween || !moreRounds) ? (
          <button type="button" className={`button ${moreRounds ? "secondary" : ""}`} onClick={() => run({ type: "startPlenary" })}>
            Start the plenary debrief
          </button>
        ) : null}
      </div>
      {!plan ? <p className="muted">Save a plan first; then form groups.</p> : null}
      <form
        className="row broadcast-form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await run({ type: "broadcastMessage", text: message }, "Message sent to everyone.")) setMessage("");
        }}
      >
        <div className="field grow">
          <label htmlFor="broadcast">Message to everyone</label>
          <input id="broadcast" value={message} maxLength={280} onChange={(e) => setMessage(e.target.value)} placeholder="Two minutes left — start wrapping up" />
        </div>
        <button type="submit" className="button secondary" disabled={!message.trim()}>
          Send message
        </button>
      </form>
    </section>
  );
}
