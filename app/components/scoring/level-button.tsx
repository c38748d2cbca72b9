import type { Rubric } from "../../../server/domain/scenario-schema";

type Level = Rubric["criteria"][number]["levels"][number];

/** One level of a criterion as a large radio button, its description as a tooltip (observers' sheets and the self-assessment). */
export function LevelButton({
  level,
  name,
  tipId,
  checked,
  disabled,
  onChoose,
}: {
  level: Level;
  name: string;
  tipId: string;
  checked: boolean;
  disabled?: boolean;
  onChoose: (value: number) => void;
}) {
  return (
    <label className={`level-button ${checked ? "is-chosen" : ""}`}>
      <input type="radio" name={name} value={level.value} checked={checked} disabled={disabled} aria-describedby={tipId} onChange={() => onChoose(level.value)} />
      <span className="level-value">{level.value}</span>
      <span className="level-label">{level.label}</span>
      <span className="level-tip" id={tipId} role="tooltip">
        {level.description}
      </span>
    </label>
  );
}
