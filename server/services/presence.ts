import { EventEmitter } from "node:events";

/**
 * Who is connected right now. Presence is not an event in the log: it is
 * ephemeral, rebuilt by clients reconnecting after a restart. A person with
 * two tabs open is connected until the last one closes.
 */
export function createPresenceRegistry() {
  const connections = new Map<string, Map<string, number>>();
  const changes = new EventEmitter();
  changes.setMaxListeners(0);

  return {
    connect(workshopId: string, memberId: string): void {
      let members = connections.get(workshopId);
      if (!members) connections.set(workshopId, (members = new Map()));
      const before = members.get(memberId) ?? 0;
      members.set(memberId, before + 1);
      if (before === 0) changes.emit("change", workshopId);
    },
    disconnect(workshopId: string, memberId: string): void {
      const members = connections.get(workshopId);
      const before = members?.get(memberId) ?? 0;
      if (!members || before === 0) return;
      if (before === 1) {
        members.delete(memberId);
        if (members.size === 0) connections.delete(workshopId);
        changes.emit("change", workshopId);
      } else {
        members.set(memberId, before - 1);
      }
    },
    isConnected(workshopId: string, memberId: string): boolean {
      return (connections.get(workshopId)?.get(memberId) ?? 0) > 0;
    },
    /** Whether anyone (participant or facilitator) has a socket open in this workshop. */
    anyoneIn(workshopId: string): boolean {
      return connections.has(workshopId);
    },
    connectedIn(workshopId: string): (memberId: string) => boolean {
      const members = connections.get(workshopId);
      return (memberId) => (members?.get(memberId) ?? 0) > 0;
    },
    onChange(listener: (workshopId: string) => void): () => void {
      changes.on("change", listener);
      return () => changes.off("change", listener);
    },
  };
}

export type PresenceRegistry = ReturnType<typeof createPresenceRegistry>;
