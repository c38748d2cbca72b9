import { groupById } from "./state-index";
import type { ObserverBrief, PatientBrief, Rubric, Scenario, Setting, StaffBrief } from "../scenario-schema";
import type { GroupPhase, GroupState, PhaseTimer, Role, WorkshopPlan, WorkshopStage, WorkshopState, WorkshopStatus } from "./types";
import {
  facilitatorScoringView,
  participantScoringView,
  scoringPlace,
  type FacilitatorScoringView,
  type ParticipantScoringView,
  type ScoringPlace,
} from "../scoring/views";
import { roleIn } from "./roles";

/**
 * Per-viewer views: the only shapes that leave the server over sockets.
 * A patient never receives the staff brief and the staff member never
 * receives the patient's; participants never see others' team or shift.
 */

/** Scenario and rubric content the views draw on (the catalog, passed in). */
export interface ViewContent {
  scenario(id: string): Scenario | undefined;
  rubric(id: string): Rubric | undefined;
}

export interface RosterEntry {
  id: string;
  displayName: string;
  connected: boolean;
}

export interface FacilitatorRosterEntry extends RosterEntry {
  team: string | null;
  shift: string | null;
  joinedAt: number;
}

export interface GroupMemberView {
  id: string;
  displayName: string;
  connected: boolean;
  role: Role;
  ready: boolean;
}

export interface FacilitatorGroupView {
  id: string;
  name: string;
  phase: GroupPhase;
  timer: PhaseTimer | null;
  scenario: { id: string; title: string } | null;
  nextScenarioId: string | null;
  members: GroupMemberView[];
  readyCount: number;
  help: { participantId: string; displayName: string; at: number; message: string | null } | null;
  curveballsSent: { id: string; title: string; at: number }[];
  /** The scenario's curveballs, so the console can offer them. */
  curveballs: { id: string; title: string }[];
  /** What needs the facilitator's attention, in words. */
  warnings: string[];
  /** This round's scoring sheet: progress, every score, the reveal. */
  scoring: FacilitatorScoringView | null;
}

export interface FacilitatorView {
  kind: "facilitator";
  workshopId: string;
  version: number;
  serverNow: number;
  code: string;
  title: string;
  teamLabel: string | null;
  askTeamAndShift: boolean;
  status: WorkshopStatus;
  stage: WorkshopStage;
  round: number;
  plan: WorkshopPlan | null;
  broadcast: { text: string; at: number } | null;
  roster: FacilitatorRosterEntry[];
  /** Active people not in any group (late joiners, or everyone before grouping). */
  lobby: FacilitatorRosterEntry[];
  groups: FacilitatorGroupView[];
  /** People who left or were removed, so the facilitator keeps a record. */
  departed: { id: string; displayName: string; kind: "left" | "removed" }[];
}

export interface ParticipantGroupView {
  id: string;
  name: string;
  phase: GroupPhase;
  timer: PhaseTimer | null;
  members: GroupMemberView[];
  readyCount: number;
  curveballs: { id: string; title: string; text: string; at: number }[];
  helpRequested: boolean;
}

export interface ScenarioSummary {
  id: string;
  title: string;
  setting: Setting;
  situation: string;
  durationMinutes: number;
  contentNote: string | null;
}

export interface BriefsView {
  patient: PatientBrief | null;
  staff: StaffBrief | null;
  observers: ObserverBrief | null;
}

export interface ParticipantView {
  kind: "participant";
  workshopId: string;
  version: number;
  serverNow: number;
  title: string;
  status: WorkshopStatus;
  stage: WorkshopStage;
  round: number;
  totalRounds: number;
  broadcast: { text: string; at: number } | null;
  /**
   * For a viewer in the lobby, the first PARTICIPANT_ROSTER_LIMIT people to join
   * (still here), for "who's here"; empty once they are in a group (their group's
   * members are in `group`). rosterCount is everyone. Capped because this view
   * goes to every participant on every change: a full roster made each view grow
   * with the workshop, and the fan-out with its square (see bench/results/load.md).
   */
  roster: RosterEntry[];
  rosterCount: number;
  /** The viewer's group; null while they wait in the lobby. */
  group: ParticipantGroupView | null;
  /** The viewer's role this round (in "done", next round's role). */
  role: Role | null;
  scenario: ScenarioSummary | null;
  briefs: BriefsView;
  rubric: Rubric | null;
  /** The viewer's scoring sheet this round (see server/domain/scoring/views.ts). */
  scoring: ParticipantScoringView | null;
}

export type WorkshopView = FacilitatorView | ParticipantView;

/** How many people a participant's view lists by name (the facilitator's lists everyone). */
export const PARTICIPANT_ROSTER_LIMIT = 50;

const NO_BRIEFS: BriefsView = { patient: null, staff: null, observers: null };
/** One empty roster for everyone in a group, so their views hold the same value (see mergeGroupViews). */
const NO_ROSTER: RosterEntry[] = Object.freeze([]) as unknown as RosterEntry[];

/** Phases in which this round's briefs are on screen. */
const BRIEF_PHASES: GroupPhase[] = ["briefing", "roleplay", "reset", "debrief"];

/**
 * The brief rule, in one place: each performer sees only their own brief;
 * observers see both performers' briefs, their own and the rubric.
 */
export function briefsFor(role: Role, scenario: Scenario): BriefsView {
  switch (role) {
    case "patient":
      return { patient: scenario.briefs.patient, staff: null, observers: null };
    case "staff":
      return { patient: null, staff: scenario.briefs.staff, observers: null };
    case "observer":
      return { patient: scenario.briefs.patient, staff: scenario.briefs.staff, observers: scenario.briefs.observers };
  }
}

/*
 * A state is never changed once built (evolve returns a new one), so what is
 * derived from it can be kept beside it: one fan-out builds hundreds of views
 * from the same state, and each used to rescan every participant and group.
 */
const activeCache = new WeakMap<WorkshopState, WorkshopState["participants"][string][]>();
const groupOfMemberCache = new WeakMap<WorkshopState, Map<string, GroupState>>();

/** Everyone still in the workshop, computed once per state (a fan-out asks for it on every change). */
export function activeParticipants(state: WorkshopState) {
  let active = activeCache.get(state);
  if (!active) activeCache.set(state, (active = Object.values(state.participants).filter((p) => !p.departure)));
  return active;
}

function groupOfMember(state: WorkshopState, participantId: string): GroupState | undefined {
  let index = groupOfMemberCache.get(state);
  if (!index) {
    index = new Map();
    for (const group of state.groups) for (const id of group.memberIds) if (!index.has(id)) index.set(id, group);
    groupOfMemberCache.set(state, index);
  }
  return index.get(participantId);
}

/*
 * A group's members look the same in each of its places' views and in the
 * console's; a fan-out builds them once per group. Keyed by the presence
 * reader too, which each fan-out makes afresh, so who is connected is never stale.
 */
const membersCache = new WeakMap<(id: string) => boolean, WeakMap<GroupState, GroupMemberView[]>>();

function membersOf(state: WorkshopState, group: GroupState, isConnected: (id: string) => boolean): GroupMemberView[] {
  let byGroup = membersCache.get(isConnected);
  if (!byGroup) membersCache.set(isConnected, (byGroup = new WeakMap()));
  let members = byGroup.get(group);
  if (!members) byGroup.set(group, (members = buildMembers(state, group, isConnected)));
  return members;
}

/* The group as its participants see it is the same in each of its places' views: built once per fan-out, like membersOf. */
const participantGroupCache = new WeakMap<(id: string) => boolean, WeakMap<GroupState, ParticipantGroupView>>();

function participantGroupOf(state: WorkshopState, group: GroupState, scenario: Scenario | undefined, isConnected: (id: string) => boolean): ParticipantGroupView {
  let byGroup = participantGroupCache.get(isConnected);
  if (!byGroup) participantGroupCache.set(isConnected, (byGroup = new WeakMap()));
  let view = byGroup.get(group);
  if (!view) {
    byGroup.set(
      group,
      (view = {
        id: group.id,
        name: group.name,
        phase: group.phase,
        timer: group.timer,
        members: membersOf(state, group, isConnected),
        readyCount: group.ready.length,
        curveballs: group.curveballs.map((c) => {
          const card = scenario?.curveballs.find((x) => x.id === c.id);
          return { id: c.id, title: card?.title ?? c.id, text: card?.text ?? "", at: c.at };
        }),
        helpRequested: group.help !== null,
      }),
    );
  }
  return view;
}

function buildMembers(state: WorkshopState, group: GroupState, isConnected: (id: string) => boolean): GroupMemberView[] {
  return group.memberIds.map((id) => ({
    id,
    displayName: state.participants[id]?.displayName ?? "Someone",
    connected: isConnected(id),
    role: roleIn(group.roles, id),
    ready: group.ready.includes(id),
  }));
}

function groupWarnings(members: GroupMemberView[], phase: GroupPhase): string[] {
  const warnings: string[] = [];
  for (const role of ["patient", "staff"] as const) {
    const holder = members.find((m) => m.role === role);
    const label = role === "patient" ? "patient" : "staff member";
    if (!holder) warnings.push(`No ${label}: assign one.`);
    else if (!holder.connected && phase !== "done") warnings.push(`The ${label} (${holder.displayName}) is not connected.`);
  }
  return warnings;
}

export function toFacilitatorView(
  state: WorkshopState,
  version: number,
  isConnected: (participantId: string) => boolean,
  content: ViewContent,
  now: number,
): FacilitatorView {
  const active = activeParticipants(state).map((p) => ({
    id: p.id,
    displayName: p.displayName,
    connected: isConnected(p.id),
    team: p.team,
    shift: p.shift,
    joinedAt: p.joinedAt,
  }));
  const grouped = new Set(state.groups.flatMap((g) => g.memberIds));
  return {
    kind: "facilitator",
    workshopId: state.id,
    version,
    serverNow: now,
    code: state.code,
    title: state.title,
    teamLabel: state.teamLabel,
    askTeamAndShift: state.askTeamAndShift,
    status: state.status,
    stage: state.stage,
    round: state.round,
    plan: state.plan,
    broadcast: state.broadcast,
    roster: active,
    lobby: active.filter((p) => !grouped.has(p.id)),
    groups: state.groups.map((group) => {
      const scenario = group.scenarioId ? content.scenario(group.scenarioId) : undefined;
      const members = membersOf(state, group, isConnected);
      const curveballTitle = (id: string) => scenario?.curveballs.find((c) => c.id === id)?.title ?? id;
      return {
        id: group.id,
        name: group.name,
        phase: group.phase,
        timer: group.timer,
        scenario: scenario ? { id: scenario.id, title: scenario.title } : null,
        nextScenarioId: group.nextScenarioId,
        members,
        readyCount: group.ready.length,
        help: group.help
          ? { ...group.help, displayName: state.participants[group.help.participantId]?.displayName ?? "Someone" }
          : null,
        curveballsSent: group.curveballs.map((c) => ({ id: c.id, title: curveballTitle(c.id), at: c.at })),
        curveballs: scenario?.curveballs.map((c) => ({ id: c.id, title: c.title })) ?? [],
        warnings: groupWarnings(members, group.phase),
        scoring: facilitatorScoringView(state, group, content),
      };
    }),
    departed: Object.values(state.participants)
      .filter((p) => p.departure)
      .map((p) => ({ id: p.id, displayName: p.displayName, kind: p.departure!.kind })),
  };
}

/**
 * A participant's view. Everything in it depends only on the viewer's group
 * and role, so the server builds it once per (group, role) and shares it.
 */
export function toParticipantView(
  state: WorkshopState,
  version: number,
  isConnected: (participantId: string) => boolean,
  content: ViewContent,
  now: number,
  viewer: { groupId: string | null; role: Role | null; scoring?: ScoringPlace | null },
): ParticipantView {
  const group = viewer.groupId ? groupById(state, viewer.groupId) : undefined;
  const scenario = group?.scenarioId ? content.scenario(group.scenarioId) : undefined;
  const showBriefs = Boolean(group && scenario && viewer.role && BRIEF_PHASES.includes(group.phase));
  const rubricId = state.plan?.rubricId;
  const active = activeParticipants(state);
  return {
    kind: "participant",
    workshopId: state.id,
    version,
    serverNow: now,
    title: state.title,
    status: state.status,
    stage: state.stage,
    round: state.round,
    totalRounds: state.plan?.rounds ?? 0,
    broadcast: state.broadcast,
    roster: group ? NO_ROSTER : active.slice(0, PARTICIPANT_ROSTER_LIMIT).map((p) => ({ id: p.id, displayName: p.displayName, connected: isConnected(p.id) })),
    rosterCount: active.length,
    group: group ? participantGroupOf(state, group, scenario, isConnected) : null,
    role: viewer.role,
    scenario:
      scenario && group && group.phase !== "done" && group.phase !== "waiting"
        ? {
            id: scenario.id,
            title: scenario.title,
            setting: scenario.setting,
            situation: scenario.situation,
            durationMinutes: scenario.durationMinutes,
            contentNote: scenario.contentNote ?? null,
          }
        : null,
    briefs: showBriefs ? briefsFor(viewer.role!, scenario!) : NO_BRIEFS,
    rubric: showBriefs && viewer.role === "observer" && rubricId ? (content.rubric(rubricId) ?? null) : null,
    scoring: viewer.scoring ? participantScoringView(state, viewer.scoring, content) : null,
  };
}

/**
 * Which group and role a participant has right now, and where they score.
 * Everything a participant's view depends on is in here, so viewers with
 * equal places can share one view.
 */
export function viewerPlace(
  state: WorkshopState,
  participantId: string,
): { groupId: string | null; role: Role | null; scoring: ScoringPlace | null } {
  const group = groupOfMember(state, participantId);
  const scoring = scoringPlace(state, participantId);
  return group ? { groupId: group.id, role: roleIn(group.roles, participantId), scoring } : { groupId: null, role: null, scoring };
}
