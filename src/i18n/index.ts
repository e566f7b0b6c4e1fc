export * from "./catalog";
export * from "./languages";
export * from "./translator";
export * from "./findings";
export * from "./unused";
export * from "./hours";
