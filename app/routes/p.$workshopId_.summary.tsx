import { json, type HeadersFunction, redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FELT_HEARD_LABELS } from "../../server/domain/scoring/types";
import { readSignedString } from "../../server/http/cookies";
import { formatDate } from "~/components/report/format";
import { SummaryNotes, SummaryTurnCard } from "~/components/report/summary-parts";
import { SiteHeader } from "~/components/site-header";
import reportStylesHref from "~/styles/report.css";

// The file name ends in `_` so this page is not nested inside the live participant page.

/** Personal data: kept out of shared caches and the back/forward cache. */
export const headers: HeadersFunction = ({ loaderHeaders }) => ({ "Cache-Control": loaderHeaders.get("Cache-Control") ?? "no-store" });

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStylesHref }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Your summary${data && "summary" in data && data.summary ? `: ${data.summary.workshop.title}` : ""} — Rolecall` }];

const ROLE_WORDS = { staff: "the staff member", patient: "the patient", observer: "an observer" } as const;

/**
 * A participant's own summary. Who it is about comes only from their signed
 * cookie for this workshop — never from the URL — so nobody can open someone
 * else's by changing a link.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const workshopId = params.workshopId ?? "";
  const participantId = await readSignedString(context.cookies.participant(workshopId), request.headers.get("Cookie"));
  if (!participantId || !context.services.workshops.load(workshopId)?.state.participants[participantId]) throw redirect("/join");
  const result = context.services.reports.participantSummary(workshopId, participantId);
  const headers = { "Cache-Control": "private, no-store" };
  if (!result.ok) return json({ workshopId, summary: null, message: result.message }, { status: result.reason === "removed" ? 403 : 200, headers });
  return json({ workshopId, summary: result.summary, message: null }, { headers });
}

export default function ParticipantSummaryPage() {
  const { workshopId, summary, message } = useLoaderData<typeof loader>();
  return (
    <>
      <SiteHeader />
      <main id="main" className="page narrow participant-summary">
        <p className="no-print">
          <Link to={`/p/${workshopId}`}>← Back to the workshop</Link>
        </p>
        {summary ? (
          <Summary summary={summary} />
        ) : (
          <section className="card">
            <h1>Your summary</h1>
            <p data-testid="summary-unavailable">{message}</p>
          </section>
        )}
      </main>
    </>
  );
}

function Summary({ summary }: { summary: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["summary"]> }) {
  return (
    <div className="stack" data-testid="participant-summary">
      <header>
        <p className="report-kicker">Your summary</p>
        <h1>{summary.me.displayName}</h1>
        <p className="muted">
          {summary.workshop.title} · {formatDate(summary.workshop.createdAt)}
          {summary.workshop.facilitatorName ? ` · with ${summary.workshop.facilitatorName}` : ""}
        </p>
        <p className="privacy-note">This page is only for you: it opens from this browser and shows your own feedback, nobody else&apos;s.</p>
        <button type="button" className="button secondary no-print" onClick={() => window.print()}>
          Print or save as PDF
        </button>
      </header>

      <section className="card" aria-labelledby="roles-heading">
        <h2 id="roles-heading">Your rounds</h2>
        {summary.roles.length ? (
          <ul className="plain-list">
            {summary.roles.map((r) => (
              <li key={r.round}>
                Round {r.round}: you were {ROLE_WORDS[r.role]}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">You did not play a round in this workshop.</p>
        )}
      </section>

      <section aria-labelledby="turns-heading">
        <h2 id="turns-heading">Your turns as the staff member</h2>
        {summary.turns.length ? (
          summary.turns.map((turn) => <SummaryTurnCard key={turn.round} turn={turn} />)
        ) : (
          <p className="card muted">No scores were recorded for a turn of yours as the staff member.</p>
        )}
      </section>

      <section className="card" aria-labelledby="about-heading">
        <h2 id="about-heading">Notes about you</h2>
        {summary.notesAboutMe.length ? <SummaryNotes notes={summary.notesAboutMe} testId="notes-about-me" /> : <p className="muted">No notes were written about your turns.</p>}
      </section>

      <section className="card" aria-labelledby="wrote-heading">
        <h2 id="wrote-heading">What you wrote</h2>
        {summary.notesIWrote.length || summary.asPatient.length ? (
          <>
            {summary.notesIWrote.length ? <SummaryNotes notes={summary.notesIWrote} testId="notes-i-wrote" /> : null}
            {summary.asPatient.map((p) => (
              <p key={p.round}>
                Round {p.round}, as the patient: you felt heard — {FELT_HEARD_LABELS[p.feltHeard].toLowerCase()}.
                {p.whatLanded ? (
                  <>
                    {" "}
                    What landed: <q>{p.whatLanded}</q>
                  </>
                ) : null}
              </p>
            ))}
          </>
        ) : (
          <p className="muted">You did not write notes in this workshop.</p>
        )}
      </section>
    </div>
  );
}
