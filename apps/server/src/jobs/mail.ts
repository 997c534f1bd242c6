import type { JobsDoor } from "@ciar/api/doors";
import type { Mailer } from "@ciar/api/mail";
import type { SecretBox } from "@ciar/api/crypto/secret-box";
import { deliverMail, overdueMail, type MailDelivery } from "@ciar/api/mail/deliver-mail";
import type { FastifyBaseLogger } from "fastify";
import type PgBoss from "pg-boss";

/**
 * E-mail delivery (packages/api/src/services/mail): one `mail` job per attempt at one outbox row.
 * A transaction that queued e-mail wakes the job once it has committed (kickMail); a failed
 * attempt queues the next one at the time the outbox row says (exponential backoff: 30 s, 1 min,
 * 2 min, … up to 1 h between attempts, MAIL_RETRY_SECONDS for the first); every minute a sweep
 * re-queues rows that are overdue because a process died before it could (and a starting process
 * sends whatever is due). The outbox row, not
 * the job, holds the schedule, so losing a job loses nothing.
 */
const MAIL_QUEUES = { deliver: "mail", sweep: "mail-sweep" } as const;

/** Attempts before a message is given up (about 6 hours with the default backoff). */
const MAX_ATTEMPTS = 12;
/** How long past due a row must be before the sweep decides its wake-up was lost. */
const SWEEP_GRACE_SECONDS = 30;

export const MAIL_QUEUE_OPTIONS: Record<string, Omit<PgBoss.Queue, "name">> = {
  // The outbox schedules retries; a failed job is not retried by pg-boss itself.
  [MAIL_QUEUES.deliver]: { policy: "standard", retryLimit: 0, expireInSeconds: 120 },
  [MAIL_QUEUES.sweep]: { policy: "singleton", retryLimit: 0, expireInSeconds: 120 },
};

export interface MailJobDeps {
  door: JobsDoor;
  box: SecretBox;
  mailer: Mailer;
  log: FastifyBaseLogger;
  retryBaseSeconds: number;
  pollingIntervalSeconds: number;
}

/** Wakes the mail job for rows just committed (best effort: the sweep covers a lost wake-up). */
export async function kickMail(boss: PgBoss, outboxIds: string[]): Promise<void> {
  for (const outboxId of outboxIds) await boss.send(MAIL_QUEUES.deliver, { outboxId });
}

export async function startMailJobs(boss: PgBoss, deps: MailJobDeps): Promise<void> {
  const delivery: MailDelivery = {
    door: deps.door.forMailDelivery,
    box: deps.box,
    mailer: deps.mailer,
    log: deps.log,
    retryBaseSeconds: deps.retryBaseSeconds,
    maxAttempts: MAX_ATTEMPTS,
  };
  const polling = { pollingIntervalSeconds: deps.pollingIntervalSeconds };
  await boss.work<{ outboxId: string }>(MAIL_QUEUES.deliver, polling, async ([job]) => {
    if (!job) return;
    const outcome = await deliverMail(delivery, job.data.outboxId);
    if (outcome.kind === "retry")
      await boss.send(MAIL_QUEUES.deliver, { outboxId: job.data.outboxId }, { startAfter: outcome.at });
    return outcome;
  });
  await boss.work(MAIL_QUEUES.sweep, polling, async () => {
    const overdue = await overdueMail(delivery.door, SWEEP_GRACE_SECONDS);
    await kickMail(boss, overdue);
    if (overdue.length > 0) deps.log.info({ messages: overdue.length }, "overdue e-mail queued again");
  });
  await boss.schedule(MAIL_QUEUES.sweep, "* * * * *", {}, { tz: "America/Santiago" });
  // A process that starts sends at once whatever is due: a wake-up lost when a process stopped
  // between a commit and its job would otherwise wait for the sweep's grace (a duplicate wake-up,
  // if another replica is on it, changes nothing).
  await kickMail(boss, await overdueMail(delivery.door, 0));
}
