import type { Tx } from "@ciar/db/client";

/**
 * The outbox rows each open transaction queued, so the door that opened it can wake the mail job
 * once it has committed (src/doors/run-as.ts), and never before: a job woken before the commit
 * would not see the row. Keyed by the transaction object, so nothing outlives it; rows queued in
 * a savepoint (a different object) or in a transaction that rolled back are not announced. The
 * former are still sent by the sweep, the latter do not exist.
 */
const queued = new WeakMap<Tx, string[]>();

export function noteQueuedMail(tx: Tx, outboxId: string): void {
  const ids = queued.get(tx);
  if (ids) ids.push(outboxId);
  else queued.set(tx, [outboxId]);
}

/** The outbox ids `tx` queued, forgotten once taken. */
export function takeQueuedMail(tx: Tx): string[] {
  const ids = queued.get(tx) ?? [];
  queued.delete(tx);
  return ids;
}
