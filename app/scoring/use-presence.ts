import { useEffect, useState } from "react";
import type { WebsocketProvider } from "y-websocket";

export interface PresenceState {
  id: string;
  name: string;
  /** The criterion this person is looking at, if any. */
  criterionId: string | null;
}

function asPresence(value: unknown): PresenceState | null {
  const user = (value as { user?: unknown } | null)?.user as Partial<PresenceState> | undefined;
  if (!user || typeof user.id !== "string" || typeof user.name !== "string") return null;
  return { id: user.id, name: user.name.slice(0, 40), criterionId: typeof user.criterionId === "string" ? user.criterionId : null };
}

/**
 * Who is on which criterion, through Yjs awareness on the shared sheet.
 * Ephemeral by design: nothing here is stored, and it clears when people leave.
 */
export function usePresence(provider: WebsocketProvider | null | undefined, me: { id: string; name: string } | null, criterionId: string | null): PresenceState[] {
  const [others, setOthers] = useState<PresenceState[]>([]);

  useEffect(() => {
    if (!provider || !me) return;
    const awareness = provider.awareness;
    awareness.setLocalStateField("user", { id: me.id, name: me.name, criterionId });
  }, [provider, me?.id, me?.name, criterionId]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!provider) return;
    const awareness = provider.awareness;
    const read = () => {
      const people = new Map<string, PresenceState>();
      for (const [clientId, state] of awareness.getStates()) {
        if (clientId === awareness.clientID) continue;
        const presence = asPresence(state);
        if (presence && presence.id !== me?.id) people.set(presence.id, presence);
      }
      setOthers([...people.values()].sort((a, b) => a.name.localeCompare(b.name)));
    };
    awareness.on("change", read);
    read();
    return () => awareness.off("change", read);
  }, [provider, me?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  return others;
}
