import type { Rubric } from "../scenario-schema";
import type { ParticipantScoringView } from "../scoring/views";
import type { BriefsView, ParticipantView, ScenarioSummary } from "./views";

/**
 * A participant's view on the wire, in two parts. Most of its bytes — the
 * scenario, the role's briefs and the rubric (an observer's view carried the
 * rubric twice: ~16 KB of its ~17) — are the same for everyone with the same
 * scenario and role, and do not change when the phase does. They travel as
 * `workshop:content`, once per person whenever they change; every view
 * carries only the key of the content it goes with. A phase change in a
 * workshop of 1,000 then encodes ~1 KB per distinct view instead of ~8 KB.
 *
 * The key is built from what the content is made of — scenario id, which
 * briefs are shown, rubric ids — which within one server process always gives
 * the same content (the catalog is loaded once at start-up); `epoch` names
 * the process, so a client never joins a view to content from before a restart.
 */
export interface SharedViewContent {
  key: string;
  scenario: ScenarioSummary | null;
  briefs: BriefsView;
  rubric: Rubric | null;
  /** The rubric the viewer scores with (scoring.rubric). */
  scoringRubric: Rubric | null;
}

export type WireParticipantView = Omit<ParticipantView, "scenario" | "briefs" | "rubric" | "scoring"> & {
  scoring: Omit<ParticipantScoringView, "rubric"> | null;
  contentKey: string;
};

export function contentKeyOf(view: ParticipantView, epoch: string): string {
  const { scenario, briefs, rubric, scoring } = view;
  return [epoch, scenario?.id ?? "", `${briefs.patient ? "p" : ""}${briefs.staff ? "s" : ""}${briefs.observers ? "o" : ""}`, rubric?.id ?? "", scoring?.rubric?.id ?? ""].join("|");
}

export function splitParticipantView(view: ParticipantView, epoch: string): { wire: WireParticipantView; content: SharedViewContent } {
  const { scenario, briefs, rubric, scoring, ...rest } = view;
  const key = contentKeyOf(view, epoch);
  let wireScoring: WireParticipantView["scoring"] = null;
  if (scoring) {
    const { rubric: _scoringRubric, ...scoringRest } = scoring;
    wireScoring = scoringRest;
  }
  return {
    wire: { ...rest, scoring: wireScoring, contentKey: key },
    content: { key, scenario, briefs, rubric, scoringRubric: scoring?.rubric ?? null },
  };
}

/** The view as the screens use it, from its two parts. */
export function joinParticipantView(wire: WireParticipantView, content: SharedViewContent): ParticipantView {
  const { contentKey: _key, scoring, ...rest } = wire;
  return {
    ...rest,
    scenario: content.scenario,
    briefs: content.briefs,
    rubric: content.rubric,
    scoring: scoring ? { ...scoring, rubric: content.scoringRubric } : null,
  };
}
