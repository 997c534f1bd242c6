import { useQuery } from "@tanstack/react-query";
import { useCoalition } from "../../lib/coalition";
import { useAccountTRPC, type RouterOutputs } from "../../lib/trpc";

export type CoalitionIndicator = RouterOutputs["indicators"]["list"][number];

/** The coalition's indicators, for its coordinator (by code). */
export function useCoalitionIndicators() {
  const coalition = useCoalition();
  const trpc = useAccountTRPC();
  return useQuery(trpc.indicators.list.queryOptions({ coalitionId: coalition.id }));
}
