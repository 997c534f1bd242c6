export * from "./communes";
export * from "./users";
export * from "./memberships";
export * from "./audit";
export * from "./use-cases";
