import { describe, expect, it } from "vitest";
import { afterDeferredWork } from "./after-deferred-work";

describe("afterDeferredWork", () => {
  it("runs after immediates queued later on the same turn (as I/O handled between two slices queues them)", async () => {
    const order: string[] = [];
    await new Promise<void>((resolve) =>
      setImmediate(() => {
        afterDeferredWork(() => {
          order.push("next slice");
          resolve();
        });
        // Queued after the next slice was scheduled, as a Yjs edit's relay would be.
        setImmediate(() => order.push("relay"));
      }),
    );
    expect(order).toEqual(["relay", "next slice"]);
  });
});
