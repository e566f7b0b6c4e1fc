export * from "./catalog";
export * from "./languages";
export * from "./translator";
