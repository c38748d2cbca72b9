import type { Rubric } from "../scenario-schema";
import type { FacilitatorScoringView, ParticipantScoringView } from "../scoring/views";
import { applyGroupStep, type WireGroupStep } from "./group-step";
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
}

export type WireParticipantView = Omit<ParticipantView, "scenario" | "briefs" | "rubric" | "scoring"> & {
  /**
   * The rubric the viewer scores with travels by id with the scoring view, not in the
   * content: it changes in the room debrief (the staff member gets it) and at the
   * reveal, and the briefs beside it do not, so they need not be sent again.
   */
  scoring: (Omit<ParticipantScoringView, "rubric"> & { rubricId: string | null }) | null;
  contentKey: string;
  /** Present when this socket has not been sent this content yet. */
  content?: SharedViewContent;
  /** Rubrics this socket has not been sent yet (the view's, and the plan's ahead of time). */
  rubrics?: Rubric[];
};

export type FacilitatorRubric = NonNullable<FacilitatorScoringView["rubric"]>;

export type WireFacilitatorGroup = Omit<FacilitatorGroupView, "scoring"> & {
  scoring: (Omit<FacilitatorScoringView, "rubric"> & { rubricId: string | null }) | null;
};

/**
 * The console's view cut into its parts: what `splitFacilitatorView` makes and
 * `joinFacilitatorView` reads. The lobby is left out: it is the roster less
 * everyone in a group, so the client works it out (at 1,000 people joining it
 * was half of every console message, 134 of 268 KB).
 */
export type FacilitatorViewParts = Omit<FacilitatorView, "groups" | "lobby"> & {
  groups: WireFacilitatorGroup[];
  /** Every rubric the groups' sheets use, once. */
  rubrics: Record<string, FacilitatorRubric>;
};

/**
 * A part of the console's view — a stretch of the roster (in joining order),
 * or one group — named by a key that changes whenever its content does.
 */
export type ConsolePart = { key: string; roster: FacilitatorView["roster"] } | { key: string; group: WireFacilitatorGroup };

/**
 * The console's view as sent. The roster, in stretches, and each group are
 * parts named by key; a message carries only the parts its connection may not
 * hold yet (server/realtime/console-parts.ts), so a change to one group, or
 * people joining, no longer re-sends every group and the whole roster (~600 KB
 * at 1,000 people). The client keeps the parts of its last views by key and
 * asks for a resync if a view names one it lacks.
 */
export type WireFacilitatorView = Omit<FacilitatorViewParts, "roster" | "groups"> & {
  rosterKeys: string[];
  groupKeys: string[];
  parts: ConsolePart[];
};

export type WireScoring = NonNullable<WireParticipantView["scoring"]>;

/** What differs between the places of one group: a member's own part of a group message. */
export interface WirePlacePart {
  /** Whose part this is, by participant id. */
  people: string[];
  role: WireParticipantView["role"];
  contentKey: string;
  scoring: Pick<WireScoring, "role" | "sheetAccess" | "ownSheetAccess" | "submitted" | "rubricId"> | null;
}

/**
 * One message for a whole group, when every place in it would be sent the
 * same view apart from each member's own part (see `mergeGroupViews`).
 * Everything in it is something each member would be sent anyway; members
 * find their part by their participant id.
 */
export type WireGroupView = Omit<WireParticipantView, "kind" | "role" | "contentKey" | "scoring" | "content"> & {
  kind: "group";
  /** The scoring view everyone in the group shares, without their own part; null when nobody scores. */
  scoring: Omit<WireScoring, keyof NonNullable<WirePlacePart["scoring"]>> | null;
  parts: WirePlacePart[];
  /** Content some members lack; only content naming no brief travels in a group message. */
  contents?: SharedViewContent[];
};

export type WireView = WireFacilitatorView | WireParticipantView | WireGroupView | WireGroupStep;

export function contentKeyOf(view: Pick<ParticipantView, "scenario" | "briefs" | "rubric">, epoch: string): string {
  const { scenario, briefs, rubric } = view;
  return [epoch, scenario?.id ?? "", `${briefs.patient ? "p" : ""}${briefs.staff ? "s" : ""}${briefs.observers ? "o" : ""}`, rubric?.id ?? ""].join("|");
}

/** The content of a view with no scenario on screen (the lobby, a finished round): public, the same for everyone. */
export function noScenarioContent(epoch: string): SharedViewContent {
  const briefs = { patient: null, staff: null, observers: null };
  return { key: contentKeyOf({ scenario: null, briefs, rubric: null }, epoch), scenario: null, briefs, rubricId: null };
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
    content: { key, scenario, briefs, rubricId: rubric?.id ?? null },
    rubrics: rubrics.filter((r, i) => rubrics.findIndex((x) => x.id === r.id) === i),
  };
}

/*
 * Group messages. A phase change re-sends every place's view, and the three
 * places of a group (patient, staff, observers) differ only in the role, the
 * content key and parts of the scoring view, so one message per group carries
 * what they share and each member's own part: a third of the messages to
 * build, encode and frame. It is only used when that shares nothing a member
 * would not be sent anyway: every other field, and every shared field of the
 * scoring view, must be the very same value in each place's view (so before
 * the reveal, a submitted observer's comparison or the staff member's
 * self-assessment makes the group fall back to one message per place), and
 * content carrying a brief never rides in one.
 */
const SHARED_FIELDS = ["kind", "workshopId", "version", "serverNow", "title", "status", "stage", "round", "totalRounds", "broadcast", "roster", "rosterCount", "group"] as const;
const SHARED_SCORING_FIELDS = [
  "groupId",
  "round",
  "phase",
  "live",
  "sheetDoc",
  "roleplayStartedAt",
  "observers",
  "staff",
  "patient",
  "progress",
  "comparison",
  "selfAssessment",
  "patientPerspective",
] as const;

/** Whether content may ride in a group message: it names no brief. */
export function isPublicContent(content: SharedViewContent): boolean {
  return content.briefs.patient === null && content.briefs.staff === null && content.briefs.observers === null;
}

/**
 * One group message for places whose wire views share everything but each
 * member's own part, or null when they do not (send one message per place).
 * `places` are the group's places with their people; wires without content
 * or rubrics attached.
 */
export function mergeGroupViews(places: readonly { wire: WireParticipantView; people: readonly string[] }[]): WireGroupView | null {
  const first = places[0]?.wire;
  if (!first || places.length < 2) return null;
  for (const { wire } of places) {
    if (wire.content !== undefined || wire.rubrics !== undefined) return null;
    if (SHARED_FIELDS.some((field) => wire[field] !== first[field])) return null;
    if ((wire.scoring === null) !== (first.scoring === null)) return null;
    if (wire.scoring && SHARED_SCORING_FIELDS.some((field) => wire.scoring![field] !== first.scoring![field])) return null;
  }
  // Each part lists its people rather than a map keyed by id: an object with a thousand
  // distinct id keys across a fan-out costs V8 a hidden class per key.
  const parts: WirePlacePart[] = [];
  for (const { wire, people } of places) {
    const scoring = wire.scoring;
    parts.push({
      people: [...people],
      role: wire.role,
      contentKey: wire.contentKey,
      scoring: scoring
        ? { role: scoring.role, sheetAccess: scoring.sheetAccess, ownSheetAccess: scoring.ownSheetAccess, submitted: scoring.submitted, rubricId: scoring.rubricId }
        : null,
    });
  }
  const s = first.scoring;
  return {
    kind: "group",
    workshopId: first.workshopId,
    version: first.version,
    serverNow: first.serverNow,
    title: first.title,
    status: first.status,
    stage: first.stage,
    round: first.round,
    totalRounds: first.totalRounds,
    broadcast: first.broadcast,
    roster: first.roster,
    rosterCount: first.rosterCount,
    group: first.group,
    scoring: s
      ? {
          groupId: s.groupId,
          round: s.round,
          phase: s.phase,
          live: s.live,
          sheetDoc: s.sheetDoc,
          roleplayStartedAt: s.roleplayStartedAt,
          observers: s.observers,
          staff: s.staff,
          patient: s.patient,
          progress: s.progress,
          comparison: s.comparison,
          selfAssessment: s.selfAssessment,
          patientPerspective: s.patientPerspective,
        }
      : null,
    parts,
  };
}

/** A member's own view out of a group message, as if it had been sent to their place; null when they have no part in it. */
export function placeViewOf(group: WireGroupView, participantId: string): WireParticipantView | null {
  const part = group.parts.find((p) => p.people.includes(participantId));
  if (!part) return null;
  const { kind: _kind, scoring, parts: _parts, contents: _contents, ...shared } = group;
  return {
    ...shared,
    kind: "participant",
    role: part.role,
    contentKey: part.contentKey,
    scoring: scoring && part.scoring ? { ...scoring, ...part.scoring } : null,
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
    rubricId: scoring.rubric?.id ?? null,
  };
}

export function splitFacilitatorView(view: FacilitatorView): FacilitatorViewParts {
  const { lobby: _lobby, ...rest } = view;
  const rubrics: Record<string, FacilitatorRubric> = {};
  const groups = view.groups.map((group) => {
    if (!group.scoring) return { ...group, scoring: null };
    const { rubric, ...scoring } = group.scoring;
    if (rubric) rubrics[rubric.id] ??= rubric;
    return { ...group, scoring: { ...scoring, rubricId: rubric?.id ?? null } };
  });
  return { ...rest, groups, rubrics };
}

/** The view as the screens use it, from its parts. */
export function joinParticipantView(wire: WireParticipantView, content: SharedViewContent, rubric: (id: string) => Rubric | undefined): ParticipantView {
  const { contentKey: _key, content: _content, rubrics: _rubrics, scoring, ...rest } = wire;
  const byId = (id: string | null) => (id ? (rubric(id) ?? null) : null);
  let joinedScoring: ParticipantView["scoring"] = null;
  if (scoring) {
    const { rubricId, ...fields } = scoring;
    joinedScoring = { ...fields, rubric: byId(rubricId) };
  }
  return {
    ...rest,
    scenario: content.scenario,
    briefs: content.briefs,
    rubric: byId(content.rubricId),
    scoring: joinedScoring,
  };
}

export function joinFacilitatorView(wire: FacilitatorViewParts): FacilitatorView {
  const { rubrics, ...rest } = wire;
  const grouped = new Set(wire.groups.flatMap((group) => group.members.map((m) => m.id)));
  return {
    ...rest,
    lobby: wire.roster.filter((p) => !grouped.has(p.id)),
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
  const keep = (content: SharedViewContent) => {
    contents.set(content.key, content);
    // A handful is ever in use (a role's content per phase); keep the newest few.
    if (contents.size > 12) contents.delete(contents.keys().next().value!);
  };
  const consoleParts = createConsolePartStore();
  /** The last participant view shown, as sent: what a group's step applies to. */
  let lastWire: WireParticipantView | null = null;
  return {
    /** `participantId`: whose part to read out of a group message (from session:welcome). */
    receive(received: WireView, participantId: string | null = null): FacilitatorView | ParticipantView | null {
      if (received.kind === "facilitator") {
        const parts = consoleParts.receive(received);
        return parts ? joinFacilitatorView(parts) : null;
      }
      let wire: WireParticipantView;
      if (received.kind === "step") {
        // A group's phase step applies to the view this connection holds (group-step.ts).
        if (received.group?.next) keep(received.group.next.content);
        const stepped = lastWire && participantId !== null ? applyGroupStep(lastWire, received, participantId) : null;
        if (!stepped) return null;
        wire = stepped;
      } else if (received.kind === "group") {
        for (const rubric of received.rubrics ?? []) rubrics.set(rubric.id, rubric);
        for (const content of received.contents ?? []) keep(content);
        const own = participantId === null ? null : placeViewOf(received, participantId);
        if (!own) return null;
        wire = own;
      } else {
        for (const rubric of received.rubrics ?? []) rubrics.set(rubric.id, rubric);
        wire = received;
        if (wire.content) keep(wire.content);
      }
      const content = contents.get(wire.contentKey);
      if (!content) return null;
      const missingRubric = [content.rubricId, wire.scoring?.rubricId ?? null].some((id) => id !== null && !rubrics.has(id));
      if (missingRubric) return null;
      // Kept unless an older view arrives late (a slice of a fan-out overtaken by this
      // connection's own fresh view): a step applies to the newest view shown.
      if (!lastWire || wire.version >= lastWire.version) lastWire = wire;
      return joinParticipantView(wire, content, (id) => rubrics.get(id));
    },
  };
}

/**
 * The console's parts a connection holds, by key: those of the last two views
 * it was sent (a view that arrives late, after a newer one, must not make the
 * client drop what the newer one named) and any new ones. Returns the view's
 * parts joined back, or null when it names a part this connection never got.
 */
function createConsolePartStore() {
  let held = new Map<string, ConsolePart>();
  let previousKeys: readonly string[] = [];
  return {
    receive(wire: WireFacilitatorView): FacilitatorViewParts | null {
      for (const part of wire.parts) held.set(part.key, part);
      const keys = [...wire.rosterKeys, ...wire.groupKeys];
      const named = keys.map((key) => held.get(key));
      const kept = new Map<string, ConsolePart>();
      for (const key of [...previousKeys, ...keys]) {
        const part = held.get(key);
        if (part) kept.set(key, part);
      }
      held = kept;
      previousKeys = keys;
      const roster = named.slice(0, wire.rosterKeys.length);
      const groups = named.slice(wire.rosterKeys.length);
      if (roster.some((p) => !p || !("roster" in p)) || groups.some((p) => !p || !("group" in p))) return null;
      const { rosterKeys: _roster, groupKeys: _groups, parts: _parts, ...rest } = wire;
      return {
        ...rest,
        roster: roster.flatMap((p) => (p as Extract<ConsolePart, { roster: unknown }>).roster),
        groups: groups.map((p) => (p as Extract<ConsolePart, { group: unknown }>).group),
      };
    },
  };
}
