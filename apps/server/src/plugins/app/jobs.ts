import type { JobsDoor } from "@ciar/api/doors";
import type { SecretBox } from "@ciar/api/crypto/secret-box";
import type { Mailer } from "@ciar/api/mail";
import type { BillingProvider } from "@ciar/billing/port";
import type { DatabaseConnection } from "@ciar/db/client";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import PgBoss from "pg-boss";
import { Gauge } from "prom-client";
import { QUEUES } from "../../jobs/install";
import { startGatewaySweep } from "../../jobs/gateway-sweep";
import { kickMail, startMailJobs } from "../../jobs/mail";
import { startOverageJobs } from "../../jobs/overage";
import { bossConnection } from "../../jobs/queue";

declare module "fastify" {
  interface FastifyInstance {
    /** The running queue (replaced if a start had to be retried). */
    jobs: {
      readonly boss: PgBoss;
      /** Wakes the mail job for outbox rows just committed (errors are logged; the sweep retries). */
      kickMail(outboxIds: string[]): void;
    };
  }
}

interface JobsOptions {
  connection: DatabaseConnection;
  poolMax: number;
  pollingIntervalSeconds: number;
  overageCron: string;
  billing: BillingProvider;
  door: JobsDoor;
  mailer: Mailer;
  secretBox: SecretBox;
  mailRetryBaseSeconds: number;
}

/**
 * The job queue's workers, in the server process. Started when the server is ready (after
 * `migrate` installed the queue's schema), and retried every 10 s while the database is away or
 * not migrated. Stopped on close, after the in-flight requests: running jobs get 10 s to finish
 * (an unfinished one is retried later). Queue depth per queue is a Prometheus gauge, read from
 * the database when /metrics is scraped.
 */
export default fp(
  async (app: FastifyInstance, options: JobsOptions) => {
    const log = app.log.child({ component: "jobs" });
    let boss = createBoss(options, log);
    let started = false;
    let closing = false;
    let retry: NodeJS.Timeout | undefined;
    app.decorate("jobs", {
      get boss() {
        return boss;
      },
      kickMail(outboxIds) {
        if (!started) return; // the sweep sends them once the queue runs
        kickMail(boss, outboxIds).catch((err: unknown) =>
          log.warn({ err }, "mail job not woken; the sweep will send the e-mail"),
        );
      },
    });

    new Gauge({
      name: "ciar_job_queue_depth",
      help: "Background jobs waiting (created or to retry) and running, per queue",
      labelNames: ["queue", "state"],
      registers: [app.metrics.registry],
      async collect() {
        if (!started) return;
        for (const queue of Object.keys(QUEUES)) {
          try {
            const waiting = await boss.getQueueSize(queue);
            const notDone = await boss.getQueueSize(queue, { before: "completed" });
            this.set({ queue, state: "waiting" }, waiting);
            this.set({ queue, state: "active" }, notDone - waiting);
          } catch {
            // The database is away: /metrics still answers, without these figures.
          }
        }
      },
    });

    // A server whose database is away at boot still starts (and says so on /ready); the queue
    // keeps trying in the background. pg-boss cannot start twice, so each try is a new instance.
    async function start(): Promise<void> {
      try {
        await boss.start();
        await startOverageJobs(boss, {
          door: options.door,
          billing: options.billing,
          log,
          cron: options.overageCron,
          pollingIntervalSeconds: options.pollingIntervalSeconds,
        });
        await startGatewaySweep(boss, {
          door: options.door,
          log,
          pollingIntervalSeconds: options.pollingIntervalSeconds,
        });
        await startMailJobs(boss, {
          door: options.door,
          box: options.secretBox,
          mailer: options.mailer,
          log,
          retryBaseSeconds: options.mailRetryBaseSeconds,
          pollingIntervalSeconds: options.pollingIntervalSeconds,
        });
        if (closing) await boss.stop({ graceful: true, timeout: 10_000, wait: true });
        else started = true;
      } catch (err) {
        await discard(boss);
        if (closing) return;
        log.warn({ err }, `job queue not started; trying again in ${RETRY_SECONDS} s`);
        boss = createBoss(options, log);
        retry = setTimeout(() => void start(), RETRY_SECONDS * 1000);
      }
    }

    app.addHook("onReady", start);
    app.addHook("onClose", async () => {
      closing = true;
      clearTimeout(retry);
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
    });
  },
  { name: "jobs", dependencies: ["metrics"] },
);

const RETRY_SECONDS = 10;

function createBoss(options: JobsOptions, log: FastifyBaseLogger): PgBoss {
  const boss = new PgBoss({
    ...bossConnection(options.connection, options.poolMax),
    migrate: false,
    supervise: true,
    schedule: true,
  });
  boss.on("error", (err) => log.error({ err }, "job queue error"));
  return boss;
}

/** Closes what a failed start opened (pg-boss's own pool on PostgreSQL). */
async function discard(boss: PgBoss): Promise<void> {
  try {
    await boss.stop({ graceful: false, wait: true });
    const db = boss.getDb() as PgBoss.Db & { close?: () => Promise<void>; opened?: boolean };
    if (db.opened) await db.close?.();
  } catch {
    // Nothing more to release.
  }
}
