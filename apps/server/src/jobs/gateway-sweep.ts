import type { JobsDoor } from "@ciar/api/doors";
import { sweepExpiredGatewayRows } from "@ciar/api/gateway/sweep";
import type { FastifyBaseLogger } from "fastify";
import type PgBoss from "pg-boss";

/**
 * Every 15 minutes, one replica deletes the gateway's expired rows (stored idempotent answers
 * after their 24 h window, lapsed unit holds and rate-limit windows): see
 * packages/api/src/services/gateway/sweep.ts. Expired rows are ignored by the gateway anyway, so
 * a missed sweep only lets the tables grow until the next one.
 */
const GATEWAY_SWEEP_QUEUE = "gateway-sweep";

export const GATEWAY_SWEEP_QUEUE_OPTIONS: Record<string, Omit<PgBoss.Queue, "name">> = {
  [GATEWAY_SWEEP_QUEUE]: { policy: "singleton", retryLimit: 0, expireInSeconds: 300 },
};

export async function startGatewaySweep(
  boss: PgBoss,
  deps: { door: JobsDoor; log: FastifyBaseLogger; pollingIntervalSeconds: number },
): Promise<void> {
  await boss.work(GATEWAY_SWEEP_QUEUE, { pollingIntervalSeconds: deps.pollingIntervalSeconds }, async () => {
    const deleted = await sweepExpiredGatewayRows(deps.door);
    if (deleted > 0) deps.log.info({ deleted }, "expired gateway rows deleted");
  });
  await boss.schedule(GATEWAY_SWEEP_QUEUE, "*/15 * * * *", {}, { tz: "America/Santiago" });
}
