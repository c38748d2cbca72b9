export * from "./types";
export * from "./inputs";
export * from "./decide-board";
export * from "./public-board";
export * from "./hard-cases";
export * from "./doc-layout";
export * from "./board-contract";
