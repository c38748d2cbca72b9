import { describe, expect, it } from "vitest";
import { createPresenceRegistry } from "./presence";

describe("presence registry", () => {
  it("counts tabs: a person is connected until their last connection closes", () => {
    const presence = createPresenceRegistry();
    const changes: string[] = [];
    presence.onChange((w) => changes.push(w));

    presence.connect("w-1", "p-ana");
    presence.connect("w-1", "p-ana");
    expect(changes).toEqual(["w-1"]);
    presence.disconnect("w-1", "p-ana");
    expect(presence.isConnected("w-1", "p-ana")).toBe(true);
    expect(changes).toEqual(["w-1"]);
    presence.disconnect("w-1", "p-ana");
    expect(presence.isConnected("w-1", "p-ana")).toBe(false);
    expect(changes).toEqual(["w-1", "w-1"]);
  });

  it("keeps workshops apart and ignores a disconnect it never saw connect", () => {
    const presence = createPresenceRegistry();
    const changes: string[] = [];
    const unsubscribe = presence.onChange((w) => changes.push(w));
    presence.connect("w-1", "p-ana");
    presence.disconnect("w-2", "p-ana");
    presence.disconnect("w-1", "p-ben");
    expect(presence.isConnected("w-2", "p-ana")).toBe(false);
    expect(presence.connectedIn("w-1")("p-ana")).toBe(true);
    expect(presence.connectedIn("w-2")("p-ana")).toBe(false);
    expect(changes).toEqual(["w-1"]);
    unsubscribe();
    presence.disconnect("w-1", "p-ana");
    expect(changes).toEqual(["w-1"]);
  });
});
