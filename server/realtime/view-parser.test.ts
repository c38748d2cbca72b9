import * as parser from "socket.io-parser";
import { describe, expect, it } from "vitest";
import { ViewEncoder } from "./view-parser";

const standard = new parser.Encoder();
const ours = new ViewEncoder();

function decode(encoded: ReturnType<parser.Encoder["encode"]>): Promise<parser.Packet> {
  return new Promise((resolve) => {
    const decoder = new parser.Decoder();
    decoder.on("decoded", resolve);
    for (const part of encoded) decoder.add(part);
  });
}

describe("ViewEncoder", () => {
  const view = { kind: "participant", version: 7, group: { id: "g1", members: [{ id: "p1", displayName: "Ana “Ann” Ruiz" }] }, role: null };

  it.each([
    ["the root namespace", { type: parser.PacketType.EVENT, nsp: "/", data: ["workshop:view", view] }],
    ["another namespace with an ack id", { type: parser.PacketType.EVENT, nsp: "/admin", id: 12, data: ["workshop:view", view] }],
  ])("encodes a view exactly as socket.io does, in %s", async (_, packet) => {
    const encoded = ours.encode(packet);
    expect(encoded).toEqual(standard.encode(packet));
    expect(await decode(encoded)).toEqual(packet);
  });

  it("leaves other events to socket.io, binary included", async () => {
    const packet = { type: parser.PacketType.EVENT, nsp: "/", data: ["audio:signal", { blob: Buffer.from([1, 2, 3]) }] };
    const encoded = ours.encode(packet);
    expect(encoded).toHaveLength(2); // the packet and its attachment
    const decoded = await decode(encoded);
    expect(decoded.data[0]).toBe("audio:signal");
    expect(Buffer.from(decoded.data[1].blob)).toEqual(Buffer.from([1, 2, 3]));
  });

  describe("participant messages carrying content", () => {
    const rubric = { id: "acro", title: "ACRO", criteria: [{ id: "c1", label: "Acknowledge" }] };
    const content = { key: "e1|copay|pso|acro", scenario: { id: "copay", title: "Surprise co-pay" }, briefs: { patient: "You are upset", staff: null, observers: null }, rubricId: "acro" };

    it.each([
      ["a place's message with content and a rubric", { kind: "participant", version: 3, role: "patient", contentKey: content.key, content, rubrics: [rubric] }],
      ["a group's message with contents", { kind: "group", version: 3, parts: [{ people: ["p1"], role: "observer" }], contents: [content, { ...content, key: "e1|copay|o|acro" }], rubrics: [] }],
      ["a message carrying nothing extra", { kind: "participant", version: 4, role: "staff", contentKey: content.key }],
      ["a message with content and a null rubrics field", { kind: "participant", version: 5, role: "observer", content, rubrics: null }],
    ])("decodes to the same value as socket.io's encoding: %s", async (_, message) => {
      const packet = { type: parser.PacketType.EVENT, nsp: "/", data: ["workshop:view", message] };
      const encoded = ours.encode(packet);
      expect(encoded).toHaveLength(1);
      expect(await decode(encoded)).toEqual(await decode(standard.encode(packet)));
      expect(await decode(encoded)).toEqual(packet);
    });

    it("encodes content once per key and a rubric once per object", async () => {
      const ownRubric = { ...rubric };
      const first = { kind: "participant", version: 1, content: { ...content, key: "cache-test|1" }, rubrics: [ownRubric] };
      ours.encode({ type: parser.PacketType.EVENT, nsp: "/", data: ["workshop:view", first] });
      // Same key and same rubric object: what was encoded first is what goes out (the key names the content).
      const second = { kind: "participant", version: 2, content: { ...content, key: "cache-test|1", rubricId: "changed" }, rubrics: [ownRubric] };
      ownRubric.title = "changed";
      const decoded = await decode(ours.encode({ type: parser.PacketType.EVENT, nsp: "/", data: ["workshop:view", second] }));
      expect(decoded.data[1]).toMatchObject({ version: 2, content: { rubricId: "acro" }, rubrics: [{ title: "ACRO" }] });
    });
  });
});
