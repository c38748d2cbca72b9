import type { Rubric } from "../domain/scenario-schema";
import {
  activeParticipants,
  splitFacilitatorView,
  splitParticipantView,
  toFacilitatorView,
  toParticipantView,
  viewerPlace,
  type ViewContent,
  mergeGroupViews,
  type SharedViewContent,
  type WireFacilitatorView,
  type WireGroupView,
  type WireParticipantView,
  type WorkshopState,
} from "../domain/workshop";
import { ConsoleParts } from "./console-parts";
import { SentContent } from "./sent-content";

export type ViewerPlace = ReturnType<typeof viewerPlace>;

/** The places of one group (or one place outside any group), sent together. */
export interface FanOutUnit {
  places: { place: ViewerPlace; people: string[] }[];
  /** How many people, for slicing the fan-out. */
  people: number;
}

/** One workshop state as the fan-out reads it. */
export interface ViewSnapshot {
  state: WorkshopState;
  version: number;
  isConnected: (participantId: string) => boolean;
  now: number;
}

/**
 * The messages a workshop's views go out as: which people share which view,
 * and what each message must carry for them (see sent-content.ts). Pure of
 * sockets, so the fan-out's cost can be measured on its own
 * (bench/view-cost.ts) and the socket server only decides when to send.
 */
export class ViewMessages {
  readonly sent = new SentContent();
  private readonly consoleParts: ConsoleParts;

  constructor(
    private readonly content: ViewContent,
    /** Names the server process in content keys (see wire-view.ts). */
    readonly epoch: string,
  ) {
    this.consoleParts = new ConsoleParts(epoch);
  }

  /** Forgets what a workshop's sockets were sent (it ended or was deleted). */
  forgetWorkshop(workshopId: string): void {
    this.sent.forgetWorkshop(workshopId);
    this.consoleParts.forgetWorkshop(workshopId);
  }

  /** The workshops this fan-out remembers anything about (for tests and the load bench). */
  rememberedWorkshops(): string[] {
    return [...new Set([...this.sent.workshopIds(), ...this.consoleParts.workshopIds()])];
  }

  /** Participants grouped by place: everyone in a place gets the same view. */
  places(state: WorkshopState): { place: ViewerPlace; people: string[] }[] {
    const shared = new Map<string, { place: ViewerPlace; people: string[] }>();
    for (const { id } of activeParticipants(state)) {
      const place = viewerPlace(state, id);
      const key = `${place.groupId}|${place.role}|${place.scoring ? `${place.scoring.groupId}|${place.scoring.round}|${place.scoring.role}|${place.scoring.submitted}` : ""}`;
      let entry = shared.get(key);
      if (!entry) shared.set(key, (entry = { place, people: [] }));
      entry.people.push(id);
    }
    return [...shared.values()];
  }

  /**
   * Places by group, for a fan-out: a group's places go together (they may
   * share one message, see `forUnit`); each place of people in no group is a unit of its own.
   */
  units(state: WorkshopState): FanOutUnit[] {
    const byGroup = new Map<string, FanOutUnit>();
    const units: FanOutUnit[] = [];
    for (const entry of this.places(state)) {
      const groupId = entry.place.groupId;
      let unit = groupId === null ? undefined : byGroup.get(groupId);
      if (!unit) {
        units.push((unit = { places: [], people: 0 }));
        if (groupId !== null) byGroup.set(groupId, unit);
      }
      unit.places.push(entry);
      unit.people += entry.people.length;
    }
    return units;
  }

  /**
   * The messages for one unit: a single group message when its places may
   * share one (wire-view.ts, mergeGroupViews), else each place's own.
   */
  forUnit(snapshot: ViewSnapshot, unit: FanOutUnit): { people: string[]; message: WireParticipantView | WireGroupView }[] {
    const built = unit.places.map(({ place, people }) => ({ people, ...this.participantParts(snapshot, place) }));
    const shared = built.length > 1 ? this.groupMessage(snapshot.state, built) : null;
    if (shared) return [shared];
    return built.flatMap((parts) => this.placeMessages(snapshot.state, parts.people, parts));
  }

  /** The messages for one place's people: usually one, more when some lack what others have. */
  forPlace(snapshot: ViewSnapshot, place: ViewerPlace, people: readonly string[]) {
    return this.placeMessages(snapshot.state, people, this.participantParts(snapshot, place));
  }

  private placeMessages(state: WorkshopState, people: readonly string[], parts: { wire: WireParticipantView; content: SharedViewContent; rubrics: Rubric[] }) {
    return this.sent.messagesFor(state.id, people, parts.wire, parts.content, this.withPlanned(state, parts.rubrics));
  }

  private groupMessage(
    state: WorkshopState,
    built: { people: string[]; wire: WireParticipantView; content: SharedViewContent; rubrics: Rubric[] }[],
  ): { people: string[]; message: WireGroupView } | null {
    // What it would carry first: at a round start (new briefs for everyone) that says no at once.
    const places = built.map(({ people, content, rubrics }) => ({ people, content, rubrics: this.withPlanned(state, rubrics) }));
    const carried = this.sent.forGroup(state.id, places);
    if (!carried) return null;
    const merged = mergeGroupViews(built);
    if (!merged) return null;
    this.sent.groupSent(state.id, places, carried.rubrics);
    const message: WireGroupView = {
      ...merged,
      ...(carried.contents.length > 0 ? { contents: carried.contents } : {}),
      ...(carried.rubrics.length > 0 ? { rubrics: carried.rubrics } : {}),
    };
    return { people: built.flatMap((b) => b.people), message };
  }

  /** The message for a participant's socket that just connected: everything its view names. */
  forConnection(snapshot: ViewSnapshot, participantId: string): WireParticipantView {
    const { wire, content, rubrics } = this.participantParts(snapshot, viewerPlace(snapshot.state, participantId));
    return this.sent.everything(snapshot.state.id, participantId, wire, content, this.withPlanned(snapshot.state, rubrics));
  }

  /**
   * The console's message: for the facilitators' room, only the parts it was not
   * sent last time; for one connection (just connected, or asking again), all of them.
   */
  forFacilitators(snapshot: ViewSnapshot, to: "room" | "connection"): WireFacilitatorView {
    const { state, version, isConnected, now } = snapshot;
    return this.consoleParts.message(state.id, splitFacilitatorView(toFacilitatorView(state, version, isConnected, this.content, now)), to);
  }

  private participantParts({ state, version, isConnected, now }: ViewSnapshot, place: ViewerPlace) {
    return splitParticipantView(toParticipantView(state, version, isConnected, this.content, now, place), this.epoch);
  }

  /** The plan's rubric rides along ahead of time: sent in the lobby, not at round start. */
  private withPlanned(state: WorkshopState, named: Rubric[]): Rubric[] {
    const planned = state.plan?.rubricId ? this.content.rubric(state.plan.rubricId) : undefined;
    return planned && !named.some((r) => r.id === planned.id) ? [...named, planned] : named;
  }
}
