export * from "./agreement";
export * from "./aggregation";
export * from "./difficulty-adjustment";
export * from "./trends";
export * from "./csv";
export { summarise, type Summary } from "./stats";
