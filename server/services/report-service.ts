import type { ReportRepository } from "../db/report-repository";
import type { BoardState } from "../domain/board";
import type { PublicFacilitator } from "./auth-service";
import { exportFilename, workshopJson, workshopScoresCsv } from "./reports/exports";
import { buildParticipantSummary } from "./reports/participant-summary";
import type { ReportLibrary } from "./reports/report-context";
import type { ParticipantSummary, WorkshopReport } from "./reports/report-types";
import { buildTrends, type TrendQuery, type TrendsReport } from "./reports/trends";
import { buildWorkshopReport } from "./reports/workshop-report";
import type { WorkshopService } from "./workshop-service";

export type SummaryResult =
  | { ok: true; summary: ParticipantSummary }
  | { ok: false; reason: "unknown" | "removed" | "not-yet"; message: string };

/**
 * Assembles report data: loads a workshop's state and its materialised rows,
 * and hands them to the builders in ./reports. Who may see what is decided by
 * the routes before they call in; the participant summary also checks here
 * that it only ever describes the person asking.
 */
export function createReportService(deps: {
  workshops: WorkshopService;
  repo: ReportRepository;
  /** The plenary board, when there was one. */
  board: (workshopId: string) => BoardState | null;
  library: ReportLibrary;
  facilitators: () => readonly Pick<PublicFacilitator, "id" | "name">[];
  now: () => number;
}) {
  const { workshops, repo, library } = deps;
  const facilitatorName = (id: string) => deps.facilitators().find((f) => f.id === id)?.name ?? null;

  return {
    workshopReport(workshopId: string): WorkshopReport | null {
      const state = workshops.load(workshopId)?.state;
      if (!state) return null;
      return buildWorkshopReport({
        state,
        scores: repo.scores(workshopId),
        notes: repo.notes(workshopId),
        library,
        facilitatorName: facilitatorName(state.facilitatorId),
        board: deps.board(workshopId),
      });
    },

    /** Once the workshop reached its plenary or ended; never for someone the facilitator removed. */
    participantSummary(workshopId: string, participantId: string): SummaryResult {
      const state = workshops.load(workshopId)?.state;
      const person = state?.participants[participantId];
      if (!state || !person) return { ok: false, reason: "unknown", message: "Join this workshop with its room code first." };
      if (person.departure?.kind === "removed") return { ok: false, reason: "removed", message: "The facilitator removed you from this workshop, so there is no summary for you here." };
      if (state.stage !== "plenary" && state.status !== "ended") {
        return { ok: false, reason: "not-yet", message: "Your summary opens when the whole group meets for the plenary debrief, or when the workshop ends." };
      }
      // Someone who left still gets what was said about their turns.
      return {
        ok: true,
        summary: buildParticipantSummary({
          state,
          participantId,
          scores: repo.scores(workshopId),
          notes: repo.notes(workshopId),
          ticks: repo.ticks(workshopId),
          library,
          facilitatorName: facilitatorName(state.facilitatorId),
        }),
      };
    },

    scoresCsv(workshopId: string): { filename: string; body: string } | null {
      const state = workshops.load(workshopId)?.state;
      if (!state) return null;
      return { filename: exportFilename(state.title, state.createdAt, "csv"), body: workshopScoresCsv({ state, scores: repo.scores(workshopId), library }) };
    },

    workshopJson(workshopId: string): { filename: string; body: string } | null {
      const loaded = workshops.load(workshopId);
      if (!loaded) return null;
      const { state, version } = loaded;
      const data = workshopJson({
        state,
        version,
        events: repo.events(workshopId),
        scores: repo.scores(workshopId),
        ticks: repo.ticks(workshopId),
        notes: repo.notes(workshopId),
        library,
        facilitatorName: facilitatorName(state.facilitatorId),
        board: deps.board(workshopId),
        exportedAt: deps.now(),
      });
      return { filename: exportFilename(state.title, state.createdAt, "json"), body: JSON.stringify(data, null, 2) };
    },

    /** Trends over one facilitator's workshops, or everyone's (`scope: "all"`); only averages leave here, never a person's scores. */
    trends(query: TrendQuery, facilitatorId: string): TrendsReport {
      const inScope = repo.trendWorkshops(query.scope === "all" ? null : facilitatorId);
      const ids = inScope.map((w) => w.id);
      return buildTrends({
        query,
        workshops: inScope,
        scores: repo.scoresOf(ids),
        participants: repo.participantsOf(ids),
        library,
        facilitatorNames: new Map(deps.facilitators().map((f) => [f.id, f.name])),
      });
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
