/**
 * Wraps an async function so that calls made while one is running share its promise instead of
 * starting another. The refresh token rotates on every use and the server treats a second use of
 * the same token as theft (revoking the whole session), so two concurrent refreshes would sign
 * the user out: every caller must wait for the single refresh in flight.
 */
export function dedupe<T>(run: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | null = null;
  return () => {
    inFlight ??= run().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}
