import { useQueryClient } from "@tanstack/react-query";
import { createContext, use, useCallback, useSyncExternalStore } from "react";
import { useNavigate } from "react-router";
import { authState, type AuthState } from "./auth-state";
import { authClient } from "./refresh-session";
import type { RouterOutputs } from "./trpc";

export type Me = RouterOutputs["auth"]["me"];
export type Membership = Me["memberships"][number];

export function useAuthState(): AuthState {
  return useSyncExternalStore(authState.subscribe, authState.get);
}

/** The signed-in person, provided by RequireSession once auth.me has loaded. */
export const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = use(MeContext);
  if (!me) throw new Error("useMe() is only available inside <RequireSession>");
  return me;
}

/**
 * Starts a session with a fresh access token (after sign-in or accepting an invitation). Cached
 * queries are dropped first: nothing fetched as the previous person may be shown to this one.
 * (Mutations stay: the one that started this session is still finishing.)
 */
export function useStartSession() {
  const queryClient = useQueryClient();
  return useCallback(
    (accessToken: string) => {
      queryClient.removeQueries();
      authState.signedIn(accessToken);
    },
    [queryClient],
  );
}

export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(async () => {
    try {
      await authClient.auth.logout.mutate();
    } catch {
      // Even if the server could not be told, this tab forgets the session below.
    }
    authState.signedOut();
    queryClient.clear();
    await navigate("/ingresar");
  }, [queryClient, navigate]);
}
