import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useAccountTRPC, useCommuneTRPC } from "../../lib/trpc";

/**
 * After a change to members or invitations, refetch what shows it: the lists, and the audit log,
 * which gained an event. Keys carry the commune's prefix, so other communes' caches are untouched.
 */
export function useInvalidateMembers() {
  const trpc = useCommuneTRPC();
  const account = useAccountTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    (what: { members?: boolean; invitations?: boolean; self?: boolean }) =>
      Promise.all([
        what.members ? queryClient.invalidateQueries(trpc.members.list.pathFilter()) : null,
        what.invitations ? queryClient.invalidateQueries(trpc.members.invitations.pathFilter()) : null,
        queryClient.invalidateQueries(trpc.audit.pathFilter()),
        // Changing one's own role (or leaving) changes what the whole dashboard may show.
        what.self ? queryClient.invalidateQueries({ queryKey: account.auth.me.queryKey() }) : null,
      ]),
    [trpc, account, queryClient],
  );
}
