import { useCallback, useState } from "react";
import type { ClientCommand, CommandAck } from "../../../server/domain/socket-contract";

/**
 * Sends participant commands and keeps the one error worth showing: the
 * latest refusal from an ack, else the socket's last error.
 */
export function useParticipantCommands(send: (command: ClientCommand) => Promise<CommandAck>, lastError: string | null, clearLastError: () => void) {
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (command: ClientCommand) => {
      setError(null);
      const ack = await send(command);
      if (!ack.ok) setError(ack.error.message);
      return ack.ok;
    },
    [send],
  );
  const dismiss = useCallback(() => {
    setError(null);
    clearLastError();
  }, [clearLastError]);
  return { run, error: error ?? lastError, dismiss };
}
