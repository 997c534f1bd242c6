import type { Database } from "@ciar/db/client";
import { applySettings, withAccess } from "@ciar/db/tenant-transaction";
import type { RunAs } from "../services/ports";

/**
 * THE runAs: every transaction of the API (tRPC doors, gateway, Stripe webhook, jobs) is opened
 * here, so each one counts in the pool metric and each one starts with its RLS settings. The
 * work gets a SetAccess bound to its own transaction (see services/ports.ts).
 */
export function createRunAs(db: Database, onTransaction?: (delta: 1 | -1) => void): RunAs {
  return async (settings, work, session) => {
    onTransaction?.(1);
    try {
      return await withAccess(db, settings, (tx) => work(tx, (next) => applySettings(tx, next)), session);
    } finally {
      onTransaction?.(-1);
    }
  };
}
