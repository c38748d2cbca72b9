import { json, type HeadersFunction, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { AgreementSection } from "~/components/report/agreement-section";
import { CriteriaSection } from "~/components/report/criteria-section";
import { DeleteWorkshop, sameTitle } from "~/components/report/delete-workshop";
import { formatDate } from "~/components/report/format";
import { BoardSection } from "~/components/report/board-section";
import { NotesSection, SwapsSection } from "~/components/report/notes-section";
import { PeopleSection, SelfVsObserversSection } from "~/components/report/people-section";
import { PerformancesSection } from "~/components/report/performances-section";
import { SummarySection } from "~/components/report/summary-section";
import { SiteHeader } from "~/components/site-header";
import reportStylesHref from "~/styles/report.css";
import { requireFacilitator, requireOwnWorkshop } from "~/utils/auth.server";

/** Personal data: kept out of shared caches and the back/forward cache. */
export const headers: HeadersFunction = ({ loaderHeaders }) => ({ "Cache-Control": loaderHeaders.get("Cache-Control") ?? "no-store" });

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStylesHref }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Report: ${data?.report.workshop.title ?? "Workshop"} — Rolecall` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const me = await requireFacilitator(request, context);
  const { state } = requireOwnWorkshop(context, me, params.workshopId);
  const report = context.services.reports.workshopReport(state.id);
  if (!report) throw new Response("No workshop here. Open it from your dashboard.", { status: 404 });
  return json({ me, report }, { headers: { "Cache-Control": "no-store" } });
}

const deleteSchema = z.object({
  intent: z.literal("delete", { error: "Unknown action." }),
  confirmTitle: z.string({ error: "Type the workshop title to confirm." }).max(200, { error: "That is longer than any workshop title." }),
});

/** Deleting: owner only, and only with the title typed exactly. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const me = await requireFacilitator(request, context);
  const { state } = requireOwnWorkshop(context, me, params.workshopId);
  const parsed = deleteSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ error: parsed.error.issues[0]?.message ?? "That request could not be read." }, { status: 400 });
  if (!sameTitle(parsed.data.confirmTitle, state.title)) {
    return json({ error: `That does not match the title. Type “${state.title}” exactly to delete the workshop.` }, { status: 400 });
  }
  const result = context.services.workshops.delete(state.id, me.id);
  if (!result.ok) return json({ error: result.error.message }, { status: 404 });
  throw redirect("/dashboard?deleted=1");
}

export default function WorkshopReportPage() {
  const { me, report } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { workshop } = report;
  const base = `/w/${workshop.id}`;
  return (
    <>
      <SiteHeader facilitatorName={me.name} />
      <main id="main" className="page wide report">
        <nav className="report-actions no-print" aria-label="Report actions">
          <Link to={base}>← Back to the console</Link>
          <div className="row">
            <a className="button secondary" href={`${base}/export.csv`} download>
              Download CSV
            </a>
            <a className="button secondary" href={`${base}/export.json`} download>
              Download JSON
            </a>
            <button type="button" className="button" onClick={() => window.print()}>
              Print or save as PDF
            </button>
          </div>
        </nav>
        <header className="report-title">
          <p className="report-kicker">Workshop report</p>
          <h1>{workshop.title}</h1>
          <p className="muted">
            {formatDate(workshop.createdAt)}
            {workshop.facilitatorName ? ` · facilitated by ${workshop.facilitatorName}` : ""}
            {workshop.teamLabel ? ` · ${workshop.teamLabel}` : ""}
          </p>
          <p className="privacy-note report-privacy">Training data: scores and notes about colleagues. Share this report only with the group and its trainers.</p>
        </header>
        <SummarySection report={report} />
        <CriteriaSection report={report} />
        <PerformancesSection report={report} />
        <PeopleSection report={report} />
        <SelfVsObserversSection report={report} />
        <AgreementSection report={report} />
        <NotesSection notes={report.notes} />
        <SwapsSection swaps={report.swaps} />
        <BoardSection board={report.board} />
        <DeleteWorkshop title={workshop.title} serverError={actionData?.error ?? null} />
      </main>
    </>
  );
}
