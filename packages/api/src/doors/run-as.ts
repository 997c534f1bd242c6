import type { Database, Tx } from "@ciar/db/client";
import { applySettings, withAccess } from "@ciar/db/tenant-transaction";
import { takeQueuedMail } from "../services/mail/queued-in-transaction";
import type { RunAs } from "../services/ports";

/**
 * THE runAs: every transaction of the API (tRPC doors, gateway, Stripe webhook, jobs) is opened
 * here, so each one counts in the pool metric and each one starts with its RLS settings. The
 * work gets a SetAccess bound to its own transaction (see services/ports.ts). Once a transaction
 * that queued e-mail (services/mail/queue-mail.ts) has committed, `onMailQueued` wakes the mail
 * job: after the commit, so the job sees the rows; never for a transaction that rolled back.
 */
export function createRunAs(
  db: Database,
  onTransaction?: (delta: 1 | -1) => void,
  onMailQueued?: (outboxIds: string[]) => void,
): RunAs {
  return async (settings, work, session) => {
    onTransaction?.(1);
    let opened: Tx | undefined;
    try {
      const result = await withAccess(
        db,
        settings,
        (tx) => {
          opened = tx;
          return work(tx, (next) => applySettings(tx, next));
        },
        session,
      );
      const queued = opened ? takeQueuedMail(opened) : [];
      if (queued.length > 0) onMailQueued?.(queued);
      return result;
    } finally {
      onTransaction?.(-1);
    }
  };
}
