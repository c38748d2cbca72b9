import { describe, expect, it } from "vitest";
import type { Rubric } from "../domain/scenario-schema";
import type { SharedViewContent, WireParticipantView } from "../domain/workshop/wire-view";
import { SentContent } from "./sent-content";

const wire = { kind: "participant", version: 1, contentKey: "k1" } as unknown as WireParticipantView;
const content = (key: string): SharedViewContent => ({ key, scenario: null, briefs: { patient: null, staff: null, observers: null }, rubricId: null });
const rubric = (id: string) => ({ id }) as unknown as Rubric;

describe("what each participant was sent", () => {
  it("attaches content and rubrics once, then sends the bare view", () => {
    const sent = new SentContent();
    const first = sent.messagesFor("w1", ["a", "b"], wire, content("k1"), [rubric("acro")]);
    expect(first).toHaveLength(1);
    expect(first[0]!.people).toEqual(["a", "b"]);
    expect(first[0]!.message.content?.key).toBe("k1");
    expect(first[0]!.message.rubrics?.map((r) => r.id)).toEqual(["acro"]);
    const again = sent.messagesFor("w1", ["a", "b"], wire, content("k1"), [rubric("acro")]);
    expect(again).toEqual([{ people: ["a", "b"], message: wire }]);
  });

  it("splits people by what they lack: new content without the rubric they already have", () => {
    const sent = new SentContent();
    sent.messagesFor("w1", ["a"], wire, content("k1"), [rubric("acro")]);
    const mixed = sent.messagesFor("w1", ["a", "b"], { ...wire, contentKey: "k2" }, content("k2"), [rubric("acro")]);
    expect(mixed.map((m) => [m.people, Boolean(m.message.content), m.message.rubrics?.map((r) => r.id) ?? []])).toEqual([
      [["a"], true, []],
      [["b"], true, ["acro"]],
    ]);
  });

  it("sends a new connection everything, and starts a participant who left over from nothing", () => {
    const sent = new SentContent();
    sent.messagesFor("w1", ["a"], wire, content("k1"), [rubric("acro")]);
    const reconnect = sent.everything("w1", "a", wire, content("k1"), [rubric("acro")]);
    expect(reconnect.content?.key).toBe("k1");
    expect(reconnect.rubrics).toHaveLength(1);
    sent.forgetParticipant("w1", "a");
    expect(sent.messagesFor("w1", ["a"], wire, content("k1"), [])[0]!.message.content?.key).toBe("k1");
    sent.forgetWorkshop("w1");
    expect(sent.messagesFor("w1", ["a"], wire, content("k1"), [rubric("acro")])[0]!.message.rubrics).toHaveLength(1);
  });

  it("keeps workshops apart", () => {
    const sent = new SentContent();
    sent.messagesFor("w1", ["a"], wire, content("k1"), []);
    expect(sent.messagesFor("w2", ["a"], wire, content("k1"), [])[0]!.message.content).toBeDefined();
  });

  describe("for a group's shared message", () => {
    const withBrief = (key: string): SharedViewContent => ({ ...content(key), briefs: { patient: { text: "secret" } as never, staff: null, observers: null } });

    it("carries only what someone lacks, public content and rubrics; once sent, nothing again", () => {
      const sent = new SentContent();
      sent.messagesFor("w1", ["a"], wire, content("k1"), [rubric("acro")]);
      const carried = sent.forGroup("w1", [
        { people: ["a"], content: content("k1"), rubrics: [rubric("acro")] },
        { people: ["b", "c"], content: content("k2"), rubrics: [rubric("acro")] },
      ]);
      expect(carried).toEqual({ contents: [content("k2")], rubrics: [rubric("acro")] });
      // Asking marks nothing: only a message sent does.
      expect(sent.forGroup("w1", [{ people: ["b"], content: content("k2"), rubrics: [rubric("acro")] }])).toEqual({ contents: [content("k2")], rubrics: [rubric("acro")] });
      sent.groupSent("w1", [{ people: ["a"], content: content("k1"), rubrics: [] }, { people: ["b", "c"], content: content("k2"), rubrics: [] }], carried!.rubrics);
      const again = [
        { people: ["a"], content: content("k1"), rubrics: [rubric("acro")] },
        { people: ["b", "c"], content: content("k2"), rubrics: [rubric("acro")] },
      ];
      expect(sent.forGroup("w1", again)).toEqual({ contents: [], rubrics: [] });
    });

    it("refuses when someone lacks content that names a brief: it goes to their place alone", () => {
      const sent = new SentContent();
      const places = [
        { people: ["a"], content: content("k1"), rubrics: [] },
        { people: ["b"], content: withBrief("k2"), rubrics: [] },
      ];
      expect(sent.forGroup("w1", places)).toBeNull();
      // Nothing was marked: "a" still lacks k1.
      expect(sent.messagesFor("w1", ["a"], wire, content("k1"), [])[0]!.message.content?.key).toBe("k1");
      // Once everyone has their brief, the group may share again.
      sent.messagesFor("w1", ["b"], wire, withBrief("k2"), []);
      expect(sent.forGroup("w1", places)).toEqual({ contents: [], rubrics: [] });
    });
  });
});
