export * from "./types";
export { decide } from "./decide";
export { isActiveParticipant } from "./participants";
export { PHASE_LABELS, phaseDurationMs } from "./decide-session";
export { evolve, evolveAll, fold } from "./evolve";
export * from "./room-code";
export * from "./views";
export * from "./inputs";
export * from "./wire-view";
