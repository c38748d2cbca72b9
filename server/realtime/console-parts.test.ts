import * as parser from "socket.io-parser";
import { describe, expect, it } from "vitest";
import { CONTENT, ScoringHarness } from "../domain/scoring/test-support";
import { PLAN, participant } from "../domain/workshop/test-support";
import { createViewAssembler, splitFacilitatorView, toFacilitatorView, type WireFacilitatorView } from "../domain/workshop";
import { ConsoleParts, ROSTER_STRETCH, sameJson } from "./console-parts";
import { ViewEncoder } from "./view-parser";

/** Two groups of four in round 1's briefing. */
function twoGroups(): ScoringHarness {
  const h = new ScoringHarness();
  h.must({ type: "createWorkshop", workshopId: "w1", code: "ABCDEF", title: "Test", teamLabel: null, askTeamAndShift: false });
  for (let i = 1; i <= 8; i++) h.must({ type: "joinWorkshop", participantId: `p${i}`, displayName: `Person ${i}`, team: null, shift: null }, participant(`p${i}`));
  h.must({ type: "setPlan", plan: { ...PLAN, groupSize: 4 } });
  h.must({ type: "formGroups" });
  h.must({ type: "startRound" });
  return h;
}

const viewOf = (h: ScoringHarness, connected: (id: string) => boolean = () => true) => toFacilitatorView(h.s, h.events.length, connected, CONTENT, h.now);
const partsOf = (h: ScoringHarness) => splitFacilitatorView(viewOf(h));
const partNames = (message: WireFacilitatorView) => message.parts.map((p) => ("roster" in p ? `roster ${p.roster[0]?.id ?? "(empty)"}…` : p.group.id));
/** The message as a client receives it: encoded by the server's encoder, then parsed. */
const overTheWire = (message: WireFacilitatorView): WireFacilitatorView => {
  const [encoded] = new ViewEncoder().encode({ type: parser.PacketType.EVENT, nsp: "/", data: ["workshop:view", message] });
  return JSON.parse(String(encoded).slice(1))[1];
};

describe("the console's view, part by part", () => {
  it("sends a connection every part, and the room then only the group that changed", () => {
    const h = twoGroups();
    expect(h.s.groups.map((g) => g.id)).toEqual(["g1", "g2"]);
    const parts = new ConsoleParts("e1");
    const console = createViewAssembler();

    const first = overTheWire(parts.message("w1", partsOf(h), "room"));
    expect(partNames(first)).toEqual(["roster p1…", "g1", "g2"]);
    expect(console.receive(first)).toEqual(viewOf(h));

    const member = h.group("g1").memberIds[0]!;
    h.must({ type: "setReady", ready: true }, participant(member));
    const second = overTheWire(parts.message("w1", partsOf(h), "room"));
    expect(partNames(second)).toEqual(["g1"]);
    expect(second.rosterKeys).toEqual(first.rosterKeys);
    expect(second.groupKeys[1]).toBe(first.groupKeys[1]);
    expect(second.groupKeys[0]).not.toBe(first.groupKeys[0]);
    expect(console.receive(second)).toEqual(viewOf(h));

    // Nothing changed: the room is sent no part at all, and the console still shows everything.
    const third = overTheWire(parts.message("w1", partsOf(h), "room"));
    expect(third.parts).toEqual([]);
    expect(console.receive(third)).toEqual(viewOf(h));

    // A console that connects now (or asks again) gets every part, under the same keys.
    const own = overTheWire(parts.message("w1", partsOf(h), "connection"));
    expect(partNames(own)).toEqual(["roster p1…", "g1", "g2"]);
    expect([...own.rosterKeys, ...own.groupKeys]).toEqual([...third.rosterKeys, ...third.groupKeys]);
    expect(createViewAssembler().receive(own)).toEqual(viewOf(h));
  });

  it("gives a console that connected between two room messages every part the next one names", () => {
    const h = twoGroups();
    const parts = new ConsoleParts("e1");
    const early = createViewAssembler();
    early.receive(overTheWire(parts.message("w1", partsOf(h), "room")));

    // g2 changes, and a second console connects before the room hears of it.
    h.must({ type: "setReady", ready: true }, participant(h.group("g2").memberIds[0]!));
    const late = createViewAssembler();
    expect(late.receive(overTheWire(parts.message("w1", partsOf(h), "connection")))).toEqual(viewOf(h));

    // Then the roster changes (someone goes offline): both consoles read the room's message whole.
    const offline = (id: string) => id !== "p8";
    const next = overTheWire(parts.message("w1", splitFacilitatorView(viewOf(h, offline)), "room"));
    expect(partNames(next)).toContain("roster p1…");
    expect(partNames(next)).toContain("g2");
    expect(early.receive(next)).toEqual(viewOf(h, offline));
    expect(late.receive(next)).toEqual(viewOf(h, offline));
  });

  it("sends the roster in stretches: people joining re-send the last, a reconnect the one it is in", () => {
    const h = new ScoringHarness();
    h.must({ type: "createWorkshop", workshopId: "w1", code: "ABCDEF", title: "Test", teamLabel: null, askTeamAndShift: false });
    const join = (i: number) => h.must({ type: "joinWorkshop", participantId: `p${i}`, displayName: `Person ${i}`, team: null, shift: null }, participant(`p${i}`));
    for (let i = 1; i <= ROSTER_STRETCH * 2 + 10; i++) join(i);
    const parts = new ConsoleParts("e1");
    const console = createViewAssembler();
    const everyone = overTheWire(parts.message("w1", partsOf(h), "room"));
    expect(partNames(everyone)).toEqual(["roster p1…", `roster p${ROSTER_STRETCH + 1}…`, `roster p${ROSTER_STRETCH * 2 + 1}…`]);
    expect(console.receive(everyone)).toEqual(viewOf(h));

    join(ROSTER_STRETCH * 2 + 11);
    const joined = overTheWire(parts.message("w1", partsOf(h), "room"));
    expect(partNames(joined)).toEqual([`roster p${ROSTER_STRETCH * 2 + 1}…`]);
    expect(console.receive(joined)).toEqual(viewOf(h));

    const p2Offline = (id: string) => id !== "p2";
    const dropped = overTheWire(parts.message("w1", splitFacilitatorView(viewOf(h, p2Offline)), "room"));
    expect(partNames(dropped)).toEqual(["roster p1…"]);
    expect(console.receive(dropped)).toEqual(viewOf(h, p2Offline));
    // The same message again (a duplicate) still joins: its parts are still held.
    expect(console.receive(dropped)).toEqual(viewOf(h, p2Offline));
  });

  it("refuses a view naming a part the client was never sent, so the client asks again", () => {
    const h = twoGroups();
    const parts = new ConsoleParts("e1");
    parts.message("w1", partsOf(h), "room");
    h.must({ type: "setReady", ready: true }, participant(h.group("g1").memberIds[0]!));
    const partial = overTheWire(parts.message("w1", partsOf(h), "room"));
    expect(partNames(partial)).toEqual(["g1"]);
    expect(createViewAssembler().receive(partial)).toBeNull();
  });

  it("starts afresh after a restart and after the workshop is forgotten", () => {
    const h = twoGroups();
    const before = new ConsoleParts("e1").message("w1", partsOf(h), "room");
    const restarted = new ConsoleParts("e2");
    const after = restarted.message("w1", partsOf(h), "room");
    expect(after.groupKeys.some((key) => before.groupKeys.includes(key))).toBe(false);
    expect(restarted.message("w1", partsOf(h), "room").parts).toEqual([]);
    restarted.forgetWorkshop("w1");
    expect(partNames(overTheWire(restarted.message("w1", partsOf(h), "room")))).toEqual(["roster p1…", "g1", "g2"]);
  });
});

describe("sameJson", () => {
  it("is true exactly when both would be sent as the same JSON, whatever the objects' identity or key order", () => {
    const group = { id: "g1", members: [{ id: "p1", ready: false }], timer: null, scoring: { observers: [] } };
    expect(sameJson(group, structuredClone(group))).toBe(true);
    expect(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(sameJson(group, { ...group, members: [{ id: "p1", ready: true }] })).toBe(false);
    expect(sameJson(group, { ...group, timer: { endsAt: 1 } })).toBe(false);
    expect(sameJson([1, 2], [1, 2, 3])).toBe(false);
    expect(sameJson([], {})).toBe(false);
    expect(sameJson({ a: null }, { a: 0 })).toBe(false);
    expect(sameJson({ a: 1 }, { b: 1 })).toBe(false);
    expect(sameJson("1", 1)).toBe(false);
  });
});
