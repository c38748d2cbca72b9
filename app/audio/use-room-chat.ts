import { useCallback, useEffect, useState } from "react";
import type { ChatMessage } from "../../server/domain/audio/room-chat";
import type { AudioSignalSocket } from "./types";

/**
 * A group's room chat: the current round's history when opened (and again
 * after a reconnect), then live messages. Sending answers with the server's
 * reason when a message is refused.
 */
export function useRoomChat(socket: AudioSignalSocket | null, groupId: string, enabled = true) {
  const [messages, setMessages] = useState<ChatMessage[]>([]);

  useEffect(() => {
    if (!socket || !enabled) return;
    let active = true;
    const load = () => {
      socket
        .timeout(10_000)
        .emitWithAck("chat:open", { groupId })
        .then((ack) => {
          if (active && ack.ok) setMessages(ack.messages);
        })
        .catch(() => {});
    };
    const onMessage = (message: ChatMessage) => {
      if (message.groupId !== groupId) return;
      setMessages((current) => {
        if (current.some((m) => m.id === message.id)) return current;
        const round = current.at(-1)?.round ?? message.round;
        // A new round starts a new conversation.
        if (message.round > round) return [message];
        return message.round < round ? current : [...current, message];
      });
    };
    load();
    socket.on("chat:message", onMessage);
    socket.on("connect", load);
    return () => {
      active = false;
      socket.off("chat:message", onMessage);
      socket.off("connect", load);
    };
  }, [socket, groupId, enabled]);

  const send = useCallback(
    async (text: string): Promise<string | null> => {
      if (!socket?.connected) return "You are offline. Wait for the connection to come back, then send again.";
      const ack = await socket
        .timeout(10_000)
        .emitWithAck("chat:send", { groupId, text })
        .catch(() => ({ ok: false as const, error: { code: "timeout", message: "The server did not answer. Try again." } }));
      if (!ack.ok) return ack.error.message;
      setMessages((current) => (current.some((m) => m.id === ack.message.id) ? current : [...current, ack.message]));
      return null;
    },
    [socket, groupId],
  );

  return { messages, send };
}
