import { parseSheetDocName, type SheetDocAddress } from "../domain/scoring/sheet-docs";

/**
 * Yjs document names are paths the server can authorize from alone:
 * `workshop/{workshopId}/{kind...}`. Anything else is refused before the
 * WebSocket upgrade.
 */
export type DocAddress = { workshopId: string; kind: "lobby" } | { workshopId: string; kind: "debrief" } | SheetDocAddress;

const ID = "[A-Za-z0-9-]{1,64}";
const LOBBY = new RegExp(`^workshop/(${ID})/lobby$`);
const DEBRIEF = new RegExp(`^workshop/(${ID})/debrief$`);

export function parseDocName(name: string): DocAddress | null {
  const lobby = LOBBY.exec(name);
  if (lobby) return { workshopId: lobby[1]!, kind: "lobby" };
  const debrief = DEBRIEF.exec(name);
  if (debrief) return { workshopId: debrief[1]!, kind: "debrief" };
  return parseSheetDocName(name);
}

/** `/yjs/workshop/abc/lobby?x=1` → `workshop/abc/lobby`; null when not a /yjs/ path. */
export function docNameFromUrl(url: string | undefined): string | null {
  if (!url) return null;
  const pathname = url.split("?")[0] ?? "";
  if (!pathname.startsWith("/yjs/")) return null;
  try {
    return decodeURIComponent(pathname.slice("/yjs/".length));
  } catch {
    return "";
  }
}
