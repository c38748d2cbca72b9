export * from "./types";
export * from "./sheet-docs";
export * from "./sheet-layout";
export * from "./sheets";
export * from "./access";
export * from "./comparison";
export * from "./views";
export { decideScoring } from "./decide-scoring";
