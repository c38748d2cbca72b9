import type { Rubric } from "../scenario-schema";
import type { FacilitatorScoringView, ParticipantScoringView } from "../scoring/views";
import type { BriefsView, FacilitatorGroupView, FacilitatorView, ParticipantView, ScenarioSummary } from "./views";

/**
 * Views on the wire. Most of a participant's view — the scenario, the role's
 * briefs and the rubric — is the same for everyone with the same scenario
 * and role and does not change when the phase does. So the server sends it
 * only when it changes for that socket, inside the view message itself (one
 * write per socket per change, not two), and every view names it by key:
 *
 * - `content` (scenario + briefs, keyed by what they are made of) rides along
 *   with the first view that needs a new one;
 * - rubrics (~5 KB each, public, and the same for the whole workshop) ride
 *   along once per connection, as soon as the plan names one — before the
 *   round starts, so a round start carries only the briefs.
 *
 * The facilitator's view names each group's rubric by id too, and carries
 * each rubric once (it carried a copy per group: ~800 B × 200 groups).
 *
 * Keys are built from what the content is made of, which within one server
 * process always gives the same content (the catalog is loaded once at
 * start-up); `epoch` names the process, so a client never joins a view to
 * content from before a restart.
 */
export interface SharedViewContent {
  key: string;
  scenario: ScenarioSummary | null;
  briefs: BriefsView;
  /** The rubric shown with the briefs (observers), by id. */
  rubricId: string | null;
  /** The rubric the viewer scores with (scoring.rubric), by id. */
  scoringRubricId: string | null;
}

export type WireParticipantView = Omit<ParticipantView, "scenario" | "briefs" | "rubric" | "scoring"> & {
  scoring: Omit<ParticipantScoringView, "rubric"> | null;
  contentKey: string;
  /** Present when this socket has not been sent this content yet. */
  content?: SharedViewContent;
  /** Rubrics this socket has not been sent yet (the view's, and the plan's ahead of time). */
  rubrics?: Rubric[];
};

export type FacilitatorRubric = NonNullable<FacilitatorScoringView["rubric"]>;

export type WireFacilitatorView = Omit<FacilitatorView, "groups"> & {
  groups: (Omit<FacilitatorGroupView, "scoring"> & { scoring: (Omit<FacilitatorScoringView, "rubric"> & { rubricId: string | null }) | null })[];
  /** Every rubric the groups' sheets use, once. */
  rubrics: Record<string, FacilitatorRubric>;
};

export type WireView = WireFacilitatorView | WireParticipantView;

export function contentKeyOf(view: ParticipantView, epoch: string): string {
  const { scenario, briefs, rubric, scoring } = view;
  return [epoch, scenario?.id ?? "", `${briefs.patient ? "p" : ""}${briefs.staff ? "s" : ""}${briefs.observers ? "o" : ""}`, rubric?.id ?? "", scoring?.rubric?.id ?? ""].join("|");
}

/** The wire view (without content or rubrics attached), its content, and the rubrics it names. */
export function splitParticipantView(
  view: ParticipantView,
  epoch: string,
): { wire: WireParticipantView; content: SharedViewContent; rubrics: Rubric[] } {
  const { scenario, briefs, rubric, scoring } = view;
  const key = contentKeyOf(view, epoch);
  const rubrics = [rubric, scoring?.rubric].filter((r): r is Rubric => Boolean(r));
  // Field by field rather than by rest-destructuring: a fan-out splits hundreds of
  // views, and copying by name is several times cheaper in V8 than copying "the rest".
  const wire: WireParticipantView = {
    kind: view.kind,
    workshopId: view.workshopId,
    version: view.version,
    serverNow: view.serverNow,
    title: view.title,
    status: view.status,
    stage: view.stage,
    round: view.round,
    totalRounds: view.totalRounds,
    broadcast: view.broadcast,
    roster: view.roster,
    rosterCount: view.rosterCount,
    group: view.group,
    role: view.role,
    scoring: scoring ? wireScoringOf(scoring) : null,
    contentKey: key,
  };
  return {
    wire,
    content: { key, scenario, briefs, rubricId: rubric?.id ?? null, scoringRubricId: scoring?.rubric?.id ?? null },
    rubrics: rubrics.filter((r, i) => rubrics.findIndex((x) => x.id === r.id) === i),
  };
}

/** A scoring view without its rubric (which travels once per connection), field by field like the view. */
function wireScoringOf(scoring: ParticipantScoringView): NonNullable<WireParticipantView["scoring"]> {
  return {
    groupId: scoring.groupId,
    round: scoring.round,
    phase: scoring.phase,
    live: scoring.live,
    sheetDoc: scoring.sheetDoc,
    roleplayStartedAt: scoring.roleplayStartedAt,
    observers: scoring.observers,
    staff: scoring.staff,
    patient: scoring.patient,
    progress: scoring.progress,
    comparison: scoring.comparison,
    selfAssessment: scoring.selfAssessment,
    patientPerspective: scoring.patientPerspective,
    role: scoring.role,
    sheetAccess: scoring.sheetAccess,
    ownSheetAccess: scoring.ownSheetAccess,
    submitted: scoring.submitted,
  };
}

export function splitFacilitatorView(view: FacilitatorView): WireFacilitatorView {
  const rubrics: Record<string, FacilitatorRubric> = {};
  const groups = view.groups.map((group) => {
    if (!group.scoring) return { ...group, scoring: null };
    const { rubric, ...scoring } = group.scoring;
    if (rubric) rubrics[rubric.id] ??= rubric;
    return { ...group, scoring: { ...scoring, rubricId: rubric?.id ?? null } };
  });
  return { ...view, groups, rubrics };
}

/** The view as the screens use it, from its parts. */
export function joinParticipantView(wire: WireParticipantView, content: SharedViewContent, rubric: (id: string) => Rubric | undefined): ParticipantView {
  const { contentKey: _key, content: _content, rubrics: _rubrics, scoring, ...rest } = wire;
  const byId = (id: string | null) => (id ? (rubric(id) ?? null) : null);
  return {
    ...rest,
    scenario: content.scenario,
    briefs: content.briefs,
    rubric: byId(content.rubricId),
    scoring: scoring ? { ...scoring, rubric: byId(content.scoringRubricId) } : null,
  };
}

export function joinFacilitatorView(wire: WireFacilitatorView): FacilitatorView {
  const { rubrics, ...rest } = wire;
  return {
    ...rest,
    groups: wire.groups.map((group) => {
      if (!group.scoring) return { ...group, scoring: null };
      const { rubricId, ...scoring } = group.scoring;
      return { ...group, scoring: { ...scoring, rubric: rubricId ? (rubrics[rubricId] ?? null) : null } };
    }),
  };
}

/**
 * Whether a view should replace the one on screen. Versions only grow (they
 * count the workshop's events, across restarts too), but a socket that
 * connects in the middle of a sliced fan-out gets its own fresh view first and
 * may then get the older view of a slice still going out; it must not step back.
 * Equal versions replace (presence changes views without a new event).
 */
export function supersedes(shown: { version: number } | null, next: { version: number }): boolean {
  return shown === null || next.version >= shown.version;
}

/**
 * The client's half: keeps what one connection was sent (content by key,
 * rubrics by id) and turns each wire view back into the view the screens
 * use. Returns null when a participant's view names something this
 * connection never received — not expected, as the server sends it with the
 * view; the caller asks for a resync rather than show a view without it.
 * Used by the browser and by the tests, so both read the wire the same way.
 */
export function createViewAssembler() {
  const contents = new Map<string, SharedViewContent>();
  const rubrics = new Map<string, Rubric>();
  return {
    receive(wire: WireView): FacilitatorView | ParticipantView | null {
      if (wire.kind === "facilitator") return joinFacilitatorView(wire);
      for (const rubric of wire.rubrics ?? []) rubrics.set(rubric.id, rubric);
      if (wire.content) {
        contents.set(wire.content.key, wire.content);
        // A handful is ever in use (a role's content per phase); keep the newest few.
        if (contents.size > 12) contents.delete(contents.keys().next().value!);
      }
      const content = contents.get(wire.contentKey);
      if (!content) return null;
      const missingRubric = [content.rubricId, content.scoringRubricId].some((id) => id !== null && !rubrics.has(id));
      if (missingRubric) return null;
      return joinParticipantView(wire, content, (id) => rubrics.get(id));
    },
  };
}
