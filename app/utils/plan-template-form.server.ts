import { z } from "zod";
import { workshopPlanSchema } from "../../server/domain/workshop/inputs";

/**
 * The console's "save as template" form. In a .server module so zod and the
 * plan schema stay out of the console's browser bundle (the route module's
 * top-level code is shipped to the browser even when only its action uses it).
 */
export const templateFormSchema = z.object({
  name: z.string().trim().min(1, { error: "Give the template a name." }).max(80, { error: "Keep the name to 80 characters." }),
  plan: z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "The plan could not be read. Reload the page and try again." });
        return z.NEVER;
      }
    })
    .pipe(workshopPlanSchema),
});
