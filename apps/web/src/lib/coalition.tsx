import { createContext, use } from "react";
import type { Me } from "./session";

export type CoordinatedCoalition = Me["coordinates"][number];

/** The coalition a coordination page is about (resolved from the URL's slug by CoalitionScope). */
export const CoalitionContext = createContext<CoordinatedCoalition | null>(null);

export function useCoalition(): CoordinatedCoalition {
  const coalition = use(CoalitionContext);
  if (!coalition) throw new Error("useCoalition() is only available inside <CoalitionScope>");
  return coalition;
}
