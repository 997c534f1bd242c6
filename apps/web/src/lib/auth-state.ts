/**
 * The access token lives in this module's memory only, never in localStorage or sessionStorage,
 * so a script injected into the page finds nothing to steal that outlives the tab. The refresh
 * token is an httpOnly cookie the page cannot read at all; a reload restores the session with it.
 */
type AuthStatus = "restoring" | "signedIn" | "signedOut";

export interface AuthState {
  status: AuthStatus;
  accessToken: string | null;
}

let state: AuthState = { status: "restoring", accessToken: null };
const listeners = new Set<() => void>();

function set(next: AuthState) {
  state = next;
  for (const listener of listeners) listener();
}

/** A tiny external store, read by React through useSyncExternalStore and by the tRPC links directly. */
export const authState = {
  get: (): AuthState => state,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  signedIn(accessToken: string) {
    set({ status: "signedIn", accessToken });
  },
  signedOut() {
    set({ status: "signedOut", accessToken: null });
  },
};
