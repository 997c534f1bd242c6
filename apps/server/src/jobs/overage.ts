import type { JobsDoor } from "@ciar/api/doors";
import {
  pendingStripeOverage,
  reportStripeOverage,
  type OverageTarget,
} from "@ciar/api/billing/overage-reports";
import type { BillingProvider } from "@ciar/billing/port";
import type { FastifyBaseLogger } from "fastify";
import type PgBoss from "pg-boss";

/**
 * Over-quota usage of Stripe subscriptions goes to Stripe's meter in the background: a sweep on a
 * schedule finds the subscriptions with usage to report and queues one report job for each; a
 * report job that Stripe refuses is retried with exponential backoff (30 s, 1 min, 2 min, … for
 * about 2 hours). What is reported, and why nothing is counted twice, is in
 * packages/api/src/services/billing/overage-reports.ts.
 */
export const OVERAGE_QUEUES = {
  sweep: "billing-overage-sweep",
  report: "billing-overage-report",
} as const;

export const OVERAGE_QUEUE_OPTIONS: Record<string, Omit<PgBoss.Queue, "name">> = {
  // One sweep at a time across replicas; a failed sweep waits for the next tick.
  [OVERAGE_QUEUES.sweep]: { policy: "singleton", retryLimit: 0, expireInSeconds: 300 },
  // At most one waiting and one running report per subscription (singletonKey below).
  [OVERAGE_QUEUES.report]: {
    policy: "stately",
    retryLimit: 8,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 300,
  },
};

export interface OverageJobDeps {
  door: JobsDoor;
  billing: BillingProvider;
  log: FastifyBaseLogger;
  /** Cron expression of the sweep, in America/Santiago time. */
  cron: string;
  pollingIntervalSeconds: number;
}

export async function startOverageJobs(boss: PgBoss, deps: OverageJobDeps): Promise<void> {
  if (deps.billing.mode !== "stripe") {
    // Purchase orders carry overage on their monthly invoice; nothing to report.
    await boss.unschedule(OVERAGE_QUEUES.sweep);
    return;
  }
  const polling = { pollingIntervalSeconds: deps.pollingIntervalSeconds };
  await boss.work(OVERAGE_QUEUES.sweep, polling, async () => {
    const targets = await pendingStripeOverage(deps.door);
    for (const target of targets) {
      await boss.send(OVERAGE_QUEUES.report, target, { singletonKey: target.subscriptionId });
    }
    if (targets.length > 0) deps.log.info({ subscriptions: targets.length }, "overage reports queued");
  });
  await boss.work<OverageTarget>(OVERAGE_QUEUES.report, polling, async ([job]) => {
    if (!job) return;
    try {
      const outcome = await reportStripeOverage(deps, job.data);
      deps.log.info({ subscriptionId: job.data.subscriptionId, ...outcome }, "overage reported to Stripe");
      return outcome;
    } catch (err) {
      deps.log.warn({ err, subscriptionId: job.data.subscriptionId }, "overage report failed; will retry");
      throw err;
    }
  });
  await boss.schedule(OVERAGE_QUEUES.sweep, deps.cron, {}, { tz: "America/Santiago" });
}
