import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { communePath } from "../../lib/commune-paths";
import { useStartSession } from "../../lib/session";
import { useAccountTRPC } from "../../lib/trpc";

/**
 * Accepting signs the person in (new access token and refresh cookie) and returns the commune's
 * id; auth.me then tells its CUT, so the person lands on that commune's members page.
 */
export function useAcceptInvitation() {
  const trpc = useAccountTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const startSession = useStartSession();
  return useMutation(
    trpc.invitations.accept.mutationOptions({
      onSuccess: async (result) => {
        startSession(result.accessToken);
        const me = await queryClient.fetchQuery(trpc.auth.me.queryOptions());
        const joined = me.memberships.find((m) => m.communeId === result.communeId);
        await navigate(joined ? communePath(joined.code) : "/", { replace: true });
      },
    }),
  );
}

export type AcceptInvitation = ReturnType<typeof useAcceptInvitation>;
