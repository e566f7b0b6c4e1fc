export * from "./catalog";
export * from "./languages";
export * from "./translator";
export * from "./findings";
