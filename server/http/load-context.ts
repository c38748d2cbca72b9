import type { PublicEnv } from "../env";
import type { AuthService } from "../services/auth-service";
import type { Catalog } from "../services/scenario-catalog";
import type { PlanTemplateRepository } from "../db/plan-template-repository";
import type { ViewContent } from "../domain/workshop";
import type { JoinService } from "../services/join-service";
import type { PresenceRegistry } from "../services/presence";
import type { ReportService } from "../services/report-service";
import type { WorkshopService } from "../services/workshop-service";
import type { Cookies } from "./cookies";

/**
 * What Remix loaders and actions receive: the same services the socket
 * handlers use, so there is one path from any request to the data.
 */
export interface Services {
  auth: AuthService;
  workshops: WorkshopService;
  join: JoinService;
  presence: PresenceRegistry;
  /** Scenarios and rubrics, validated at start-up; read-only while running. */
  catalog: Catalog;
  content: ViewContent;
  planTemplates: PlanTemplateRepository;
  /** Reports, exports, participant summaries and trends (read-only). */
  reports: ReportService;
}

// A type alias (not an interface) so it satisfies Remix's index-signature AppLoadContext.
export type RolecallLoadContext = {
  services: Services;
  cookies: Cookies;
  env: PublicEnv;
  /** The caller's address (behind a proxy only when TRUST_PROXY is set). */
  clientAddress: string;
  now: () => number;
};
