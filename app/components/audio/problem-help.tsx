import type { AudioProblem } from "~/audio/types";

/**
 * What went wrong with audio, and what to do about it, in plain steps.
 * Every problem ends in something the person can do: allow, plug in,
 * close another app, try again, or use the chat.
 */
export function ProblemHelp({ problem, onRetry }: { problem: AudioProblem; onRetry?: () => void }) {
  const { title, steps } = describeProblem(problem);
  return (
    <div className="alert warn audio-problem" role="alert" data-testid="audio-problem" data-problem={problem.kind}>
      <p>
        <strong>{title}</strong>
      </p>
      {steps.length > 0 ? (
        <ol className="audio-steps">
          {steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      ) : null}
      {onRetry ? (
        <button type="button" className="button small secondary" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function describeProblem(problem: AudioProblem): { title: string; steps: string[] } {
  switch (problem.kind) {
    case "mic-blocked":
      return {
        title: "Your browser is blocking the microphone.",
        steps: [
          "Click the lock or microphone icon at the left of the address bar.",
          "Set Microphone to “Allow” for this site.",
          "Press “Try again” below. (On a phone, check the browser's permissions in Settings.)",
          "Until then, others can still hear each other, and you can use the room chat.",
        ],
      };
    case "mic-missing":
      return {
        title: "No microphone was found.",
        steps: ["Plug in a headset or microphone, or choose another one in the microphone check.", "Press “Try again”, or use the room chat."],
      };
    case "mic-busy":
      return {
        title: "Another app is using your microphone.",
        steps: ["Close other call or recording apps (Zoom, Teams, a voice recorder).", "Press “Try again”, or use the room chat."],
      };
    case "mic-failed":
      return { title: "The microphone could not be opened.", steps: [problem.detail, "Press “Try again”, or use the room chat."] };
    case "refused":
    case "closed":
    case "server":
      return { title: problem.message, steps: [] };
  }
}
