import type { DocStatus } from "~/scoring/use-yjs-doc";

const ORDER: DocStatus[] = ["closed", "offline", "connecting", "syncing", "online"];

/** The least healthy of several documents' states. */
export function worstStatus(statuses: (DocStatus | undefined)[]): DocStatus {
  const present = statuses.filter((s): s is DocStatus => s !== undefined);
  if (present.length === 0) return "connecting";
  return ORDER.find((s) => present.includes(s)) ?? "online";
}

const TEXT: Record<DocStatus, string> = {
  online: "Live — saved to the shared sheet",
  syncing: "Syncing…",
  connecting: "Connecting to the sheet…",
  offline: "Offline — your scores are saved on this device and will sync when you are back online.",
  closed: "This sheet is closed for changes.",
};

/** Says plainly whether what you score is reaching the server. */
export function SheetStatus({ status, readOnly = false }: { status: DocStatus; readOnly?: boolean }) {
  const text = readOnly && status === "online" ? "Live — read only" : TEXT[status];
  return (
    <p className={`sheet-status sheet-status-${status}`} role="status" aria-live="polite" data-testid="sheet-status" data-status={status}>
      <span className="sheet-status-dot" aria-hidden="true" />
      {text}
    </p>
  );
}
