import type { DatabaseConnection } from "@ciar/db/client";
import { APP_ROLE } from "@ciar/db/schema";
import PgBoss from "pg-boss";
import { GATEWAY_SWEEP_QUEUE_OPTIONS } from "./gateway-sweep";
import { MAIL_QUEUE_OPTIONS } from "./mail";
import { OVERAGE_QUEUE_OPTIONS } from "./overage";
import { JOB_SCHEMA, bossConnection } from "./queue";

/** Every queue the platform uses, with its retry policy. */
export const QUEUES: Record<string, Omit<PgBoss.Queue, "name">> = {
  ...OVERAGE_QUEUE_OPTIONS,
  ...GATEWAY_SWEEP_QUEUE_OPTIONS,
  ...MAIL_QUEUE_OPTIONS,
};

// pg-boss's own queue for cron schedules (created here, since the app role may not create tables).
const CRON_QUEUE = "__pgboss__send-it";

/**
 * Creates or upgrades the job queue's schema and its queues, as the schema owner: part of
 * `migrate`, so that replicas never race and the app role needs no DDL rights. Then grants the
 * app role what pg-boss does at run time (read and write its tables).
 */
export async function installJobQueue(owner: DatabaseConnection): Promise<void> {
  const boss = new PgBoss({ ...bossConnection(owner, 1), migrate: true, supervise: false, schedule: false });
  const errors: unknown[] = [];
  boss.on("error", (error) => errors.push(error));
  await boss.start();
  try {
    for (const [name, options] of Object.entries(QUEUES)) {
      await boss.createQueue(name, { name, ...options });
      await boss.updateQueue(name, { name, ...options });
    }
    await boss.createQueue(CRON_QUEUE);
    const db = boss.getDb();
    await db.executeSql(
      `GRANT USAGE ON SCHEMA ${JOB_SCHEMA} TO ${APP_ROLE};
       GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${JOB_SCHEMA} TO ${APP_ROLE};
       GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${JOB_SCHEMA} TO ${APP_ROLE}`,
      [],
    );
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
  if (errors.length > 0) throw errors[0];
}
