import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadResponse } from "~/utils/download.server";
import { requireFacilitator, requireOwnWorkshop } from "~/utils/auth.server";

/** Every rating of the workshop, one row each (long format), for a spreadsheet. Owner only. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const me = await requireFacilitator(request, context);
  const { state } = requireOwnWorkshop(context, me, params.workshopId);
  const file = context.services.reports.scoresCsv(state.id);
  if (!file) throw new Response("No workshop here. Open it from your dashboard.", { status: 404 });
  return downloadResponse(file.body, file.filename, "text/csv; charset=utf-8");
}
