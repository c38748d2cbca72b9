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
});
