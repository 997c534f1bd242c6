import type { RunAs } from "@ciar/api/context";
import type { BillingProvider } from "@ciar/billing/port";
import type { DatabaseConnection } from "@ciar/db/client";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import PgBoss from "pg-boss";
import { Gauge } from "prom-client";
import { QUEUES } from "../../jobs/install";
import { startOverageJobs } from "../../jobs/overage";
import { bossConnection } from "../../jobs/queue";

declare module "fastify" {
  interface FastifyInstance {
    jobs: { boss: PgBoss };
  }
}

export interface JobsOptions {
  connection: DatabaseConnection;
  poolMax: number;
  pollingIntervalSeconds: number;
  overageCron: string;
  billing: BillingProvider;
  runAs: RunAs;
}

/**
 * The job queue's workers, in the server process: started when the server is ready (after
 * `migrate` installed the queue's schema), stopped on close after the in-flight requests, letting
 * running jobs finish (up to 10 s; an unfinished job is retried later). Queue depth per queue is
 * a Prometheus gauge, read from the database when /metrics is scraped.
 */
export default fp(
  async (app: FastifyInstance, options: JobsOptions) => {
    const boss = new PgBoss({
      ...bossConnection(options.connection, options.poolMax),
      migrate: false,
      supervise: true,
      schedule: true,
    });
    boss.on("error", (err) => app.log.error({ err }, "job queue error"));
    app.decorate("jobs", { boss });

    let started = false;
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

    app.addHook("onReady", async () => {
      await boss.start();
      started = true;
      await startOverageJobs(boss, {
        runAs: options.runAs,
        billing: options.billing,
        log: app.log.child({ component: "jobs" }),
        cron: options.overageCron,
        pollingIntervalSeconds: options.pollingIntervalSeconds,
      });
    });
    app.addHook("onClose", async () => {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
    });
  },
  { name: "jobs", dependencies: ["metrics"] },
);
