import type { AudioPeerState, AudioSnapshot, LinkQuality } from "~/audio/types";
import type { AudioRole } from "../../../server/domain/audio/audio-rules";

export interface AudioMember {
  id: string;
  displayName: string;
  role: AudioRole;
  isMe: boolean;
}

const QUALITY_WORDS: Record<LinkQuality, string> = {
  unknown: "connected",
  good: "good connection",
  fair: "fair connection",
  poor: "poor connection",
};

function connectionWords(peer: AudioPeerState | undefined, inRoom: boolean): string {
  if (!peer) return inRoom ? "not in the audio room" : "";
  switch (peer.link) {
    case "none":
      return "in the room";
    case "connecting":
      return "connecting…";
    case "connected":
      return QUALITY_WORDS[peer.quality];
    case "retrying":
      return "reconnecting…";
    case "failed":
      return "could not connect";
  }
}

/**
 * Everyone in the group (and the facilitator, when present) with their role,
 * whether they are speaking or muted, and how the connection to them is.
 * Speaking is shown, not announced: a screen reader would otherwise talk
 * over the conversation.
 */
export function AudioPeople({
  people,
  snapshot,
  roleLabel,
}: {
  people: AudioMember[];
  snapshot: AudioSnapshot;
  roleLabel: (role: AudioRole) => string;
}) {
  const joined = snapshot.status === "connected";
  return (
    <ul className="audio-people" aria-label="People in the audio room" data-testid="audio-people">
      {people.map((person) => {
        const peer = snapshot.peers.find((p) => p.id === person.id);
        const me = person.isMe ? snapshot.self : null;
        const speaking = me ? me.speaking : (peer?.speaking ?? false);
        const muted = me ? me.sends && me.muted : Boolean(peer?.sends && peer.muted);
        const sends = me ? me.sends : peer?.sends;
        return (
          <li key={person.id} className={`audio-person ${speaking ? "speaking" : ""}`} data-testid="audio-person" data-person-id={person.id} data-speaking={speaking}>
            <span className="speaking-dot" aria-hidden="true" />
            <span className="person-name">
              {person.displayName}
              {person.isMe ? " (you)" : ""}
            </span>
            <span className="audio-role">{roleLabel(person.role)}</span>
            <span className="audio-state">
              {speaking ? <span className="badge ok">speaking</span> : null}
              {muted ? <span className="badge muted">muted</span> : null}
              {sends === false ? <span className="badge muted">listening</span> : null}
              {!person.isMe && joined ? <span className="muted">{connectionWords(peer, joined)}</span> : null}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
