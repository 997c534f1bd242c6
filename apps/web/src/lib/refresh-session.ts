import type { AppRouter } from "@ciar/api/router";
import { createTRPCClient, httpLink } from "@trpc/client";
import { isSessionError } from "./api-errors";
import { authState } from "./auth-state";
import { dedupe } from "./dedupe";
import { languageHeader } from "./request-headers";

/**
 * Auth calls that must not go through the retry-on-expiry link (a failed refresh must not
 * trigger another refresh). Unbatched, so the cookie-rotating call travels alone.
 */
export const authClient = createTRPCClient<AppRouter>({
  links: [httpLink({ url: "/trpc", headers: languageHeader })],
});

/** Serializes refreshes across tabs too: they share the cookie, and it rotates on each use. */
function acrossTabs<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === "undefined" ? undefined : navigator.locks;
  return locks ? locks.request("ciar-refresh", work) : work();
}

const refreshOnce = dedupe(() => acrossTabs(() => authClient.auth.refresh.mutate()));

/**
 * Trades the refresh cookie for a new access token. Resolves true when signed in. A refused
 * cookie signs out; a network failure signs out only when there is no session to keep yet
 * (at start-up), so a brief outage does not throw a working person back to the sign-in page.
 */
export async function refreshSession(): Promise<boolean> {
  try {
    const { accessToken } = await refreshOnce();
    authState.signedIn(accessToken);
    return true;
  } catch (error) {
    if (isSessionError(error) || authState.get().status === "restoring") authState.signedOut();
    return false;
  }
}
