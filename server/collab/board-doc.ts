import type * as Y from "yjs";
import { BOARD_DOC_KEYS, RESULTS_WALL_KEY, type PublicBoard } from "../domain/board";
import type { ResultsWall } from "../services/board/results-wall";

/**
 * Brings the board document in line with the board, touching only what
 * changed: a vote rewrites one card, not the board, so each change sent to
 * a hundred screens stays a few hundred bytes.
 */
export function writeBoardDoc(doc: Y.Doc, board: PublicBoard, wall: ResultsWall | null): void {
  doc.transact(() => {
    const meta = doc.getMap<unknown>(BOARD_DOC_KEYS.meta);
    for (const [key, value] of Object.entries(board.meta)) setIfChanged(meta, key, value);

    const cards = doc.getMap<unknown>(BOARD_DOC_KEYS.cards);
    const current = new Set(board.cards.map((c) => c.id));
    for (const id of [...cards.keys()]) if (!current.has(id)) cards.delete(id);
    for (const card of board.cards) setIfChanged(cards, card.id, card);

    if (wall) setIfChanged(doc.getMap<unknown>(BOARD_DOC_KEYS.results), RESULTS_WALL_KEY, wall);
  });
}

function setIfChanged(map: Y.Map<unknown>, key: string, value: unknown) {
  const plain = value === undefined ? null : value;
  if (map.has(key) && JSON.stringify(map.get(key)) === JSON.stringify(plain)) return;
  map.set(key, structuredClone(plain));
}
