import type { Role } from "../../../server/domain/workshop/types";
import type { BriefsView } from "../../../server/domain/workshop/views";

/**
 * Words for roles. The patient's label comes from the scenario brief when the
 * view carries it ("Relative (daughter)"); otherwise the plain word.
 */
export function roleLabel(role: Role, briefs: Pick<BriefsView, "patient"> | null | undefined): string {
  switch (role) {
    case "patient":
      return briefs?.patient?.role ?? "Patient";
    case "staff":
      return "Staff member";
    case "observer":
      return "Observer";
  }
}

/** What each role does in a round, said to the person who has it. */
export const ROLE_MEANING: Record<Role, string> = {
  patient:
    "You play the patient (or their relative). Your private brief says what you say, what you really mean underneath, and what upsets or settles you. Play it honestly — real, not as hard as possible.",
  staff:
    "You play the front-desk staff member. Your brief holds only what you would know at the desk: the facts, the policy and your limits. Find out the rest by listening.",
  observer:
    "You watch and take notes. You see both briefs and the rubric, so you can spot what the staff member does well and what they could try differently.",
};

/** What to do during the briefing, by role. */
export const BRIEFING_TASK: Record<Role, string> = {
  patient: "Read your brief. Keep it to yourself — the staff member does not see it.",
  staff: "Read your brief. The patient does not see it, and you do not see theirs.",
  observer: "Read both briefs and the rubric, then pick two things you will watch for.",
};

/** Performers first, then observers, so "who plays whom" reads top-down. */
export const ROLE_ORDER: Record<Role, number> = { patient: 0, staff: 1, observer: 2 };
