import type { DifficultyIndex } from "../../server/domain/difficulty";

/** "6/10 · hard" with a colour band; the number always comes with its words. */
export function DifficultyBadge({ index }: { index: Pick<DifficultyIndex, "score" | "level"> }) {
  return (
    <span className={`badge difficulty difficulty-${index.level.replace(" ", "-")}`} data-testid="difficulty-badge">
      Difficulty {index.score}/10 · {index.level}
    </span>
  );
}

export function DifficultyReasons({ index }: { index: DifficultyIndex }) {
  return (
    <table className="table difficulty-reasons">
      <caption className="visually-hidden">How the difficulty score adds up</caption>
      <thead>
        <tr>
          <th scope="col">Factor</th>
          <th scope="col">Points</th>
        </tr>
      </thead>
      <tbody>
        {index.reasons.map((r) => (
          <tr key={r.factor}>
            <td>{r.label}</td>
            <td>{r.points >= 0 ? `+${r.points}` : r.points}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">Total</th>
          <td>
            <strong>{index.score}</strong> ({index.level})
          </td>
        </tr>
      </tbody>
    </table>
  );
}
