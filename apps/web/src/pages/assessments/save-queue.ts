/** One save: the version the form last saw and the changed answers that can be sent. */
export interface SaveRequest<A> {
  expectedVersion: number;
  answers: A[];
}

export type SaveEvent<A, R> =
  /** The questions changed since the last successful save (held-back invalid ones included). */
  | { type: "pending"; codes: string[] }
  | { type: "saving" }
  | { type: "saved"; result: R; answers: A[] }
  /** `stopped`: the refusal was final (a conflict, a lock), nothing more will be sent. */
  | { type: "failed"; error: unknown; stopped: boolean };

export interface SaveQueueOptions<A, R> {
  initialVersion: number;
  /** The answer as the API takes it, or null while it is not valid (it waits until fixed). */
  prepare: (code: string) => A | null;
  send: (request: SaveRequest<A>) => Promise<R>;
  /** The assessment's version after the save, sent as expectedVersion by the next one. */
  versionOf: (result: R) => number;
  /** A refusal after which sending again would be wrong (another save came first, a lock). */
  isFinal: (error: unknown) => boolean;
  onEvent: (event: SaveEvent<A, R>) => void;
}

export interface SaveQueue {
  /**
   * A question changed: it is pending until a save that includes this change succeeds (still
   * counted after the queue stopped, so the form can say what was not saved).
   */
  change(code: string): void;
  /**
   * Sends the pending answers now. With a save already in flight, they go right after it (one
   * request at a time, each with the version the previous one returned), unless it failed: a
   * failed request may have been applied all the same, so it is never repeated on its own.
   * Resolves when the queue is idle again.
   */
  flush(): Promise<void>;
  /** Forgets the pending changes and sends nothing more (the form is reloaded from the server). */
  discard(): void;
  version(): number;
  pendingCodes(): string[];
  stopped(): boolean;
}

/**
 * The autosave's bookkeeping, without React: each question's change has a revision number, so
 * a question edited again while its previous value was being sent stays pending; a conflict or
 * a lock stops the queue for good.
 */
export function createSaveQueue<A, R>(options: SaveQueueOptions<A, R>): SaveQueue {
  let version = options.initialVersion;
  const pending = new Map<string, number>();
  let inFlight: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const emitPending = () => options.onEvent({ type: "pending", codes: [...pending.keys()] });

  async function run(sent: Map<string, number>, answers: [string, A][]) {
    options.onEvent({ type: "saving" });
    try {
      const result = await options.send({
        expectedVersion: version,
        answers: answers.map(([, answer]) => answer),
      });
      version = options.versionOf(result);
      for (const [code] of answers) {
        if (pending.get(code) === sent.get(code)) pending.delete(code);
      }
      emitPending();
      options.onEvent({ type: "saved", result, answers: answers.map(([, answer]) => answer) });
    } catch (error) {
      again = false;
      if (options.isFinal(error)) stopped = true;
      options.onEvent({ type: "failed", error, stopped });
    } finally {
      inFlight = null;
    }
    if (again) {
      again = false;
      await flush();
    }
  }

  function flush(): Promise<void> {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    if (stopped || pending.size === 0) return Promise.resolve();
    const sent = new Map(pending);
    const answers: [string, A][] = [];
    for (const code of sent.keys()) {
      const answer = options.prepare(code);
      if (answer !== null) answers.push([code, answer]);
    }
    if (answers.length === 0) return Promise.resolve();
    inFlight = run(sent, answers);
    return inFlight;
  }

  return {
    change(code) {
      pending.set(code, (pending.get(code) ?? 0) + 1);
      emitPending();
    },
    flush,
    discard() {
      stopped = true;
      again = false;
      pending.clear();
      emitPending();
    },
    version: () => version,
    pendingCodes: () => [...pending.keys()],
    stopped: () => stopped,
  };
}
