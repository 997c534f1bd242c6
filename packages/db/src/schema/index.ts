export * from "./communes";
export * from "./users";
export * from "./memberships";
export * from "./audit";
export * from "./use-cases";
export * from "./coalitions";
export * from "./progress";
export * from "./modules";
export { APP_ROLE } from "./rls";
