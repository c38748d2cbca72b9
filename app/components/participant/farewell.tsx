import { Link, useParams } from "@remix-run/react";

export type Gone = { kind: "removed"; reason: string | null } | { kind: "left" } | { kind: "ended" } | { kind: "deleted"; message: string };

/** The last screen: removed, left, or the workshop ended. */
export function Farewell({ gone, title }: { gone: Gone; title: string }) {
  const { workshopId } = useParams();
  if (gone.kind === "deleted") {
    return (
      <section className="card stack" data-testid="farewell">
        <h1>This workshop was deleted</h1>
        <p>{gone.message}</p>
      </section>
    );
  }
  return (
    <section className="card stack" data-testid="farewell">
      <h1>{gone.kind === "removed" ? "You were removed from this workshop" : gone.kind === "left" ? "You left this workshop" : "This workshop has ended"}</h1>
      {gone.kind === "removed" ? (
        <>
          <p>The facilitator of “{title}” removed you.</p>
          {gone.reason ? (
            <p>
              Their message: <q>{gone.reason}</q>
            </p>
          ) : null}
          <p>If you think this was a mistake, speak to the facilitator.</p>
        </>
      ) : gone.kind === "ended" ? (
        <>
          <p>Thank you for taking part in “{title}”.</p>
          {workshopId ? (
            <p>
              <Link to={`/p/${workshopId}/summary`} data-testid="summary-link">
                Your summary
              </Link>{" "}
              — your own scores and the notes about your turns.
            </p>
          ) : null}
        </>
      ) : (
        <p>
          You can <Link to="/join">join again with the room code</Link> if you change your mind.
        </p>
      )}
    </section>
  );
}
