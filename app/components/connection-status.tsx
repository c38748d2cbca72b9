import type { ConnectionState } from "~/realtime/use-workshop-socket";

export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const text = state === "online" ? "Live" : state === "connecting" ? "Connecting…" : "Offline — reconnecting…";
  return (
    <span className={`connection ${state === "online" ? "online" : "offline"}`} role="status" aria-live="polite">
      <span aria-hidden="true">{state === "online" ? "● " : "○ "}</span>
      {text}
    </span>
  );
}
