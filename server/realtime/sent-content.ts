import type { Rubric } from "../domain/scenario-schema";
import { isPublicContent, type SharedViewContent, type WireParticipantView } from "../domain/workshop/wire-view";

/**
 * What each participant's sockets have been sent of the content their views
 * name (see domain/workshop/wire-view.ts), per workshop, so a fan-out
 * attaches content and rubrics only for those who lack them.
 *
 * Kept per participant, not per socket: every socket of a participant gets
 * the same broadcasts, and a socket that connects later is sent everything
 * it needs at once (`everything`), after which it is level with the others.
 */
export class SentContent {
  private readonly workshops = new Map<string, Map<string, { contentKey: string; rubricIds: Set<string> }>>();

  private sentIn(workshopId: string) {
    let sent = this.workshops.get(workshopId);
    if (!sent) this.workshops.set(workshopId, (sent = new Map()));
    return sent;
  }

  /**
   * The messages to send for one shared view: its people split by what they
   * lack, each group with the view and whatever it must carry. Usually one
   * message (nothing new, or something new for everyone); marks it all sent.
   */
  messagesFor(
    workshopId: string,
    people: readonly string[],
    wire: WireParticipantView,
    content: SharedViewContent,
    rubrics: readonly Rubric[],
  ): { people: string[]; message: WireParticipantView }[] {
    const sent = this.sentIn(workshopId);
    const byNeed = new Map<string, { people: string[]; content: boolean; rubrics: Rubric[] }>();
    for (const id of people) {
      const had = sent.get(id);
      const needsContent = had?.contentKey !== content.key;
      const missing = had ? rubrics.filter((r) => !had.rubricIds.has(r.id)) : [...rubrics];
      const need = `${needsContent ? "c" : ""}|${missing.map((r) => r.id).join(",")}`;
      let entry = byNeed.get(need);
      if (!entry) byNeed.set(need, (entry = { people: [], content: needsContent, rubrics: missing }));
      entry.people.push(id);
      this.record(sent, id, content.key, missing);
    }
    return [...byNeed.values()].map((need) => ({ people: need.people, message: withParts(wire, need.content ? content : null, need.rubrics) }));
  }

  /**
   * What a group message (see mergeGroupViews) must carry for the group's
   * people: the content and rubrics some of them lack. Null when someone lacks
   * content naming a brief: that goes to their place alone. Marks nothing sent
   * (see `groupSent`), so the caller can still fall back to one message per place.
   */
  forGroup(workshopId: string, places: readonly GroupPlace[]): { contents: SharedViewContent[]; rubrics: Rubric[] } | null {
    const sent = this.sentIn(workshopId);
    const contents = new Map<string, SharedViewContent>();
    const rubrics = new Map<string, Rubric>();
    for (const { people, content, rubrics: named } of places) {
      for (const id of people) {
        const had = sent.get(id);
        if (had?.contentKey !== content.key) {
          if (!isPublicContent(content)) return null;
          contents.set(content.key, content);
        }
        for (const rubric of named) if (!had?.rubricIds.has(rubric.id)) rubrics.set(rubric.id, rubric);
      }
    }
    return { contents: [...contents.values()], rubrics: [...rubrics.values()] };
  }

  /** Marks a group message sent: everyone has their place's content and the rubrics it carried. */
  groupSent(workshopId: string, places: readonly GroupPlace[], rubrics: readonly Rubric[]) {
    const sent = this.sentIn(workshopId);
    for (const { people, content } of places) for (const id of people) this.record(sent, id, content.key, rubrics);
  }

  /** The message for a socket that just connected: the view with everything it names. */
  everything(workshopId: string, participantId: string, wire: WireParticipantView, content: SharedViewContent, rubrics: readonly Rubric[]): WireParticipantView {
    this.record(this.sentIn(workshopId), participantId, content.key, rubrics);
    return withParts(wire, content, rubrics);
  }

  forgetParticipant(workshopId: string, participantId: string) {
    this.workshops.get(workshopId)?.delete(participantId);
  }

  forgetWorkshop(workshopId: string) {
    this.workshops.delete(workshopId);
  }

  /** The workshops with anything remembered. */
  workshopIds(): string[] {
    return [...this.workshops.keys()];
  }

  private record(sent: Map<string, { contentKey: string; rubricIds: Set<string> }>, id: string, contentKey: string, rubrics: readonly Rubric[]) {
    let had = sent.get(id);
    if (!had) sent.set(id, (had = { contentKey, rubricIds: new Set() }));
    had.contentKey = contentKey;
    for (const r of rubrics) had.rubricIds.add(r.id);
  }
}

type GroupPlace = { people: readonly string[]; content: SharedViewContent; rubrics: readonly Rubric[] };

function withParts(wire: WireParticipantView, content: SharedViewContent | null, rubrics: readonly Rubric[]): WireParticipantView {
  if (!content && rubrics.length === 0) return wire;
  return { ...wire, ...(content ? { content } : {}), ...(rubrics.length > 0 ? { rubrics: [...rubrics] } : {}) };
}
