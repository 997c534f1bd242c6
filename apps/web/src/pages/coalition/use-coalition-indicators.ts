import { useQuery } from "@tanstack/react-query";
import { useCoalition } from "../../lib/coalition";
import { useAccountTRPC } from "../../lib/trpc";

/**
 * The coalition's indicators, for a coordinator. The API has no coordinator list of them yet;
 * a member's profile lists every indicator of the coalition (with or without values), so the
 * first member's profile stands in. Replace with a list procedure when the API offers one.
 */
export function useCoalitionIndicators() {
  const coalition = useCoalition();
  const trpc = useAccountTRPC();
  const members = useQuery(trpc.coalitions.get.queryOptions({ coalitionId: coalition.id }));
  const firstMember = members.data?.members[0]?.id;
  const profile = useQuery({
    ...trpc.progress.communeProfile.queryOptions({ coalitionId: coalition.id, communeId: firstMember ?? "" }),
    enabled: firstMember !== undefined,
  });
  const noMembers = members.data !== undefined && firstMember === undefined;
  return {
    indicators: noMembers ? [] : (profile.data?.indicators ?? null),
    error: members.error ?? profile.error,
    isPending: !noMembers && (members.isPending || profile.isPending),
    refetch: () => void (members.isError ? members.refetch() : profile.refetch()),
  };
}
