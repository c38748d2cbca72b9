import type {
  Actor,
  Decision,
  DecideContext,
  DecisionError,
  WorkshopCommand,
  WorkshopState,
} from "./types";
import { decideSession } from "./decide-session";
import { decideScoring } from "../scoring/decide-scoring";
import { isActiveParticipant } from "./participants";

const refuse = (code: DecisionError["code"], message: string): Decision => ({
  ok: false,
  error: { code, message },
});


function isOwner(state: WorkshopState, actor: Actor): boolean {
  return actor.kind === "facilitator" && actor.facilitatorId === state.facilitatorId;
}

/**
 * Decides whether a command may happen and which events it produces.
 * Authorization lives here too, so every transport gets the same rules.
 */
export function decide(
  state: WorkshopState | null,
  command: WorkshopCommand,
  actor: Actor,
  ctx: DecideContext,
): Decision {
  if (command.type === "createWorkshop") {
    if (state) return refuse("conflict", "This workshop already exists.");
    if (actor.kind !== "facilitator") {
      return refuse("forbidden", "Only a facilitator can create a workshop.");
    }
    return {
      ok: true,
      events: [
        {
          type: "workshopCreated",
          at: ctx.now,
          workshopId: command.workshopId,
          code: command.code,
          title: command.title,
          teamLabel: command.teamLabel,
          askTeamAndShift: command.askTeamAndShift,
          facilitatorId: actor.facilitatorId,
        },
      ],
    };
  }

  if (!state) return refuse("not-found", "This workshop does not exist.");
  if (state.status === "ended") {
    return refuse("ended", "This workshop has ended. Nothing more can change in it.");
  }

  switch (command.type) {
    case "joinWorkshop": {
      if (actor.kind !== "participant" || actor.participantId !== command.participantId) {
        return refuse("forbidden", "Only the person joining can join themselves.");
      }
      if (state.participants[command.participantId]) {
        return refuse("conflict", "You have already joined this workshop.");
      }
      return {
        ok: true,
        events: [
          {
            type: "participantJoined",
            at: ctx.now,
            participantId: command.participantId,
            displayName: command.displayName,
            team: state.askTeamAndShift ? command.team : null,
            shift: state.askTeamAndShift ? command.shift : null,
          },
        ],
      };
    }
    case "leaveWorkshop": {
      if (actor.kind !== "participant" || !isActiveParticipant(state, actor.participantId)) {
        return refuse("forbidden", "You are not in this workshop.");
      }
      return {
        ok: true,
        events: [{ type: "participantLeft", at: ctx.now, participantId: actor.participantId }],
      };
    }
    case "removeParticipant": {
      if (!isOwner(state, actor)) {
        return refuse("forbidden", "Only this workshop's facilitator can remove people.");
      }
      if (!isActiveParticipant(state, command.participantId)) {
        return refuse("not-found", "That person is no longer in the workshop.");
      }
      return {
        ok: true,
        events: [
          {
            type: "participantRemoved",
            at: ctx.now,
            participantId: command.participantId,
            reason: command.reason,
          },
        ],
      };
    }
    case "endWorkshop": {
      if (!isOwner(state, actor)) {
        return refuse("forbidden", "Only this workshop's facilitator can end it.");
      }
      return { ok: true, events: [{ type: "workshopEnded", at: ctx.now }] };
    }
    case "submitScores":
    case "lockSelfAssessment":
    case "submitPatientPerspective":
    case "revealScores":
      return decideScoring(state, command, actor, ctx);
    default:
      return decideSession(state, command, actor, ctx);
  }
}
