import { useCallback, useState } from "react";
import type { ClientCommand, CommandAck } from "../../../server/domain/socket-contract";

/**
 * Facilitator commands go out with the view version they were made against,
 * so a double click or a second tab cannot apply the same change twice.
 */
export function useConsoleCommands(send: (command: ClientCommand) => Promise<CommandAck>, version: number) {
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string } | null>(null);

  const run = useCallback(
    async (command: ClientCommand, success?: string): Promise<boolean> => {
      setPending(true);
      const withVersion = "expectedVersion" in command || !versioned(command.type) ? command : { ...command, expectedVersion: version };
      const ack = await send(withVersion as ClientCommand);
      setPending(false);
      if (ack.ok) setMessage(success ? { tone: "info", text: success } : null);
      else setMessage({ tone: "error", text: ack.error.message });
      return ack.ok;
    },
    [send, version],
  );

  return { run, pending, message, clearMessage: () => setMessage(null) };
}

const UNVERSIONED = new Set(["broadcastMessage", "clearHelp", "leaveWorkshop", "setReady", "askForHelp", "cancelHelp"]);
const versioned = (type: string) => !UNVERSIONED.has(type);

export type RunCommand = ReturnType<typeof useConsoleCommands>["run"];
