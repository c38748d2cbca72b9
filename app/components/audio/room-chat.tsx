import { useId, useState, type FormEvent } from "react";
import { useRoomChat } from "~/audio/use-room-chat";
import type { AudioSignalSocket } from "~/audio/types";
import { CHAT_MAX_LENGTH } from "../../../server/domain/audio/chat-limits";
import { roleWord } from "./role-words";

/**
 * The room chat beside the audio: for someone whose microphone does not
 * work, or a link someone needs to share. The group and the facilitator see
 * it. Messages render as plain text.
 */
export function RoomChat({
  socket,
  groupId,
  meId,
  canWrite,
  headingLevel = 3,
}: {
  socket: AudioSignalSocket | null;
  groupId: string;
  meId: string;
  canWrite: boolean;
  headingLevel?: 3 | 4;
}) {
  const { messages, send } = useRoomChat(socket, groupId);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const id = useId();
  const Heading = headingLevel === 3 ? "h3" : "h4";

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim() || sending) return;
    setSending(true);
    const problem = await send(text);
    setSending(false);
    setError(problem);
    if (!problem) setText("");
  }

  return (
    <section className="room-chat" aria-labelledby={`${id}-heading`} data-testid="room-chat">
      <Heading id={`${id}-heading`}>Room chat</Heading>
      <p className="muted small-print">Seen by your group and the facilitator. Training only — never type real patient details.</p>
      {/* Scrollable, so it takes focus for keyboard scrolling; a log region reads new messages out politely. */}
      <div className="chat-log" role="log" aria-live="polite" aria-label="Room chat messages" tabIndex={0} data-testid="chat-log">
        {messages.length === 0 ? <p className="muted">No messages yet.</p> : null}
        <ol className="chat-list">
        {messages.map((m) => (
          <li key={m.id} className="chat-message" data-testid="chat-message">
            <span className="chat-from">
              {m.from.id === meId ? "You" : m.from.displayName}
              {m.from.role === "facilitator" ? null : <span className="chat-role"> ({roleWord(m.from.role)})</span>}
            </span>
            <span className="chat-text">{m.text}</span>
          </li>
        ))}
        </ol>
      </div>
      {canWrite ? (
        <form className="chat-form" onSubmit={submit}>
          <label htmlFor={`${id}-text`} className="label">
            Message to the room
          </label>
          <div className="row chat-compose">
            <input
              id={`${id}-text`}
              type="text"
              value={text}
              maxLength={CHAT_MAX_LENGTH}
              autoComplete="off"
              aria-describedby={error ? `${id}-error` : undefined}
              aria-invalid={error ? true : undefined}
              onChange={(e) => setText(e.target.value)}
            />
            <button type="submit" className="button small" disabled={sending || !text.trim()}>
              Post
            </button>
          </div>
          {error ? (
            <p id={`${id}-error`} className="error" role="alert">
              {error}
            </p>
          ) : null}
        </form>
      ) : (
        <p className="muted">The chat opens for writing while the audio room is open.</p>
      )}
    </section>
  );
}
