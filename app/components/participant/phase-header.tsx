import type { PhaseTimer } from "../../../server/domain/phases/timer";
import { Countdown } from "~/components/countdown";

export const SCREEN_HEADING_ID = "screen-heading";

export type HeaderTone = "waiting" | "briefing" | "roleplay" | "reset" | "debrief" | "done" | "plenary";

/**
 * The one h1 of a screen: "Round N of M · Briefing · You play: Staff member",
 * laid out on separate lines but read as one heading. It can take focus, so
 * focus has somewhere to go when the screen changes under the user.
 */
export function PhaseHeader({
  eyebrow,
  phase,
  roleText,
  role,
  tone,
  timer,
  serverNow,
  countdownSize = "large",
}: {
  eyebrow?: string | null;
  phase: string;
  /** The words before the role, e.g. "You play:". */
  roleText?: string;
  role?: string | null;
  tone: HeaderTone;
  timer?: PhaseTimer | null;
  serverNow: number;
  countdownSize?: "normal" | "large" | "huge";
}) {
  return (
    <header className={`p-phase-header p-tone-${tone}`}>
      <h1 id={SCREEN_HEADING_ID} tabIndex={-1} className="p-screen-heading">
        {eyebrow ? (
          <>
            <span className="p-phase-eyebrow">{eyebrow}</span>
            <span className="visually-hidden"> · </span>
          </>
        ) : null}
        <span className="p-phase-name" data-testid="phase-heading">
          {phase}
        </span>
        {role ? (
          <>
            <span className="visually-hidden"> · </span>
            <span className="p-phase-role">
              {roleText ?? "You play:"} <strong data-testid="my-role">{role}</strong>
            </span>
          </>
        ) : null}
      </h1>
      {timer ? (
        <div className="p-phase-timer">
          <Countdown timer={timer} serverNow={serverNow} size={countdownSize} />
        </div>
      ) : null}
    </header>
  );
}
