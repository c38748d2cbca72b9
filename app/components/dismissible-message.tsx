/** The answer to the last command: an error interrupts (role="alert"), anything else is announced politely. */
export function DismissibleMessage({ message, onDismiss }: { message: { tone: string; text: string } | null; onDismiss: () => void }) {
  return (
    <div aria-live="polite">
      {message ? (
        <div className={`alert ${message.tone === "error" ? "error" : "info"} dismissible`} role={message.tone === "error" ? "alert" : "status"}>
          <span>{message.text}</span>
          <button type="button" className="button link" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      ) : null}
    </div>
  );
}
