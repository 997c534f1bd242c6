import type { Tx } from "@ciar/db/client";

/**
 * A savepoint inside the transaction a door opened (never a transaction of its own): a statement
 * expected to fail sometimes (a unique index refusing a duplicate) fails alone, without aborting
 * the caller's transaction. The one `.transaction(` of src/services (test/house.test.ts).
 */
export function inSavepoint<T>(tx: Tx, work: (savepoint: Tx) => Promise<T>): Promise<T> {
  return tx.transaction(work);
}
