import type { AppRouter } from "@ciar/api/router";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { authRetryLink } from "./auth-retry-link";
import { requestHeaders } from "./request-headers";

export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** Calls that belong to the person, not to a commune: auth.me, invitations. */
export const { TRPCProvider: AccountTRPCProvider, useTRPC: useAccountTRPC } = createTRPCContext<AppRouter>();

/**
 * Calls inside one commune. Each commune gets its own client (which sends its x-commune-id) and
 * its own query-key prefix, so La Serena's member list can never be served from the cache as
 * Coquimbo's: the commune is not part of the procedures' inputs, only of the header.
 */
export const { TRPCProvider: CommuneTRPCProvider, useTRPC: useCommuneTRPC } = createTRPCContext<
  AppRouter,
  { keyPrefix: true }
>();

export function createApiClient(communeId?: string) {
  return createTRPCClient<AppRouter>({
    links: [
      authRetryLink(),
      httpBatchLink({
        url: "/trpc",
        headers: () => requestHeaders(communeId),
        // The server refuses batches longer than 20 calls (apps/server trpc plugin, MAX_BATCH_SIZE).
        maxItems: 20,
      }),
    ],
  });
}
