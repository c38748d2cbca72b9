/**
 * Why the last thing the participant tried did not work (the server's own
 * words). The alert region is always present so a new message is announced.
 */
export function CommandError({ message, onDismiss }: { message: string | null; onDismiss: () => void }) {
  return (
    <div className={message ? "alert error command-error" : "command-error-empty"}>
      <div role="alert" data-testid="command-error">
        {message}
      </div>
      {message ? (
        <button type="button" className="button link" onClick={onDismiss}>
          Dismiss<span className="visually-hidden"> error</span>
        </button>
      ) : null}
    </div>
  );
}
