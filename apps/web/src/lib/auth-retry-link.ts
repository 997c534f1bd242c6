import type { AppRouter } from "@ciar/api/router";
import type { TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { isSessionError } from "./api-errors";
import { authState } from "./auth-state";
import { refreshSession } from "./refresh-session";

/**
 * When a call fails because the access token expired (or was never sent), refresh once and send
 * the same call again. If another call already refreshed meanwhile, just retry with the new token.
 * A refused refresh signs out (refreshSession), which sends the person to the sign-in page.
 */
export function authRetryLink(): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) =>
      observable((observer) => {
        const sentWith = authState.get().accessToken;
        let current = next(op).subscribe({
          next: (value) => observer.next(value),
          complete: () => observer.complete(),
          error: (error) => {
            if (op.path.startsWith("auth.") || !isSessionError(error)) return observer.error(error);
            const latest = authState.get().accessToken;
            const renewed = latest && latest !== sentWith ? Promise.resolve(true) : refreshSession();
            renewed.then(
              (ok) => {
                if (!ok) return observer.error(error);
                current = next(op).subscribe(observer);
              },
              // Should the retry itself throw, the call still ends with its first error.
              () => observer.error(error),
            );
          },
        });
        return () => current.unsubscribe();
      });
}
