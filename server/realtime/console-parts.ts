import type { ConsolePart, FacilitatorViewParts, WireFacilitatorView } from "../domain/workshop";

/**
 * People per stretch of the roster. The roster is in joining order, so people
 * joining change only the last stretch, and a person connecting or leaving
 * the network changes the one they are in.
 */
export const ROSTER_STRETCH = 50;

interface Remembered {
  value: unknown;
  key: string;
}

interface WorkshopMemory {
  /** The last version of each part ("roster:<n>", "group:<id>") and its key. */
  last: Map<string, Remembered>;
  /** The keys the facilitators' room was last sent: its sockets hold these. */
  roomHolds: Set<string>;
}

/**
 * What the console is sent, part by part (see WireFacilitatorView in
 * wire-view.ts). The console's view holds the whole roster and every group:
 * ~600 KB at 1,000 people, sent on every change — each person joining or
 * connecting, each score submitted, each person ready — at up to four a
 * second while they keep coming. Most changes touch one group or one stretch
 * of the roster. So each part gets a key that changes whenever its content
 * does (compared by value with the last one, `sameJson`), and a message to the
 * facilitators' room carries only the parts whose keys the room was not sent
 * last time; one that goes to a single connection (it just connected, or asked
 * for a resync) carries every part.
 *
 * A part the room's last message carried is named again only if it has not
 * changed since, so a socket that joined the room in between got that same
 * part (same key) in its own first message. Clients keep the parts of their
 * last two views and ask for a resync when a view names one they lack.
 */
export class ConsoleParts {
  private readonly workshops = new Map<string, WorkshopMemory>();
  private counter = 0;

  constructor(
    /** Names the server process in keys, so a client never reads a part from before a restart. */
    private readonly epoch: string,
  ) {}

  message(workshopId: string, view: FacilitatorViewParts, to: "room" | "connection"): WireFacilitatorView {
    let memory = this.workshops.get(workshopId);
    if (!memory) this.workshops.set(workshopId, (memory = { last: new Map(), roomHolds: new Set() }));
    const previous = memory.last;
    const current = new Map<string, Remembered>();
    const parts: ConsolePart[] = [];

    const keyOf = (name: string, field: "roster" | "group", value: unknown): string => {
      let known = previous.get(name);
      if (!known || !sameJson(known.value, value)) known = { value, key: `${this.epoch}.${++this.counter}` };
      current.set(name, known);
      if (to === "connection" || !memory.roomHolds.has(known.key)) {
        parts.push((field === "roster" ? { key: known.key, roster: value } : { key: known.key, group: value }) as ConsolePart);
      }
      return known.key;
    };

    const { roster, groups, ...rest } = view;
    const rosterKeys: string[] = [];
    for (let start = 0; start < roster.length || start === 0; start += ROSTER_STRETCH) {
      rosterKeys.push(keyOf(`roster:${start / ROSTER_STRETCH}`, "roster", roster.slice(start, start + ROSTER_STRETCH)));
    }
    const groupKeys = groups.map((group) => keyOf(`group:${group.id}`, "group", group));
    // Groups that no longer exist are forgotten with the parts that were not named.
    memory.last = current;
    if (to === "room") memory.roomHolds = new Set(Array.from(current.values(), (r) => r.key));
    return { ...rest, rosterKeys, groupKeys, parts };
  }

  forgetWorkshop(workshopId: string): void {
    this.workshops.delete(workshopId);
  }

  /** The workshops whose parts are remembered. */
  workshopIds(): string[] {
    return [...this.workshops.keys()];
  }
}

/**
 * Whether two views' parts would be sent as the same JSON: built fresh for
 * every fan-out, equal parts are equal in value, not identity. Compared by
 * value rather than by encoding both: a phase change differs within a group's
 * first few fields, and an unchanged stretch of the roster is a few hundred
 * comparisons, where encoding every part to compare it cost more than
 * encoding the whole view once had. Parts hold only what JSON holds (no
 * undefined in arrays, no dates), and a difference it cannot see as equal (a
 * key set to undefined) only sends a part again.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  for (const key of aKeys) {
    if (!Object.prototype.hasOwnProperty.call(b, key)) return false;
    if (!sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}
