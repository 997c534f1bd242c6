import { rowsOf } from "@ciar/db/rows";
import { sql } from "drizzle-orm";
import type { JobsDoor } from "../ports";

/**
 * Deletes what the gateway keeps only for a while, in every commune: stored idempotent answers
 * past their window, units held by calls that never ended, and lapsed rate-limit windows. Nobody's
 * request, so it runs through sweep_expired_gateway_rows() (migration 0017), which can delete
 * expired rows only. Run by the job queue (apps/server/src/jobs/gateway-sweep.ts). Returns the count.
 */
export async function sweepExpiredGatewayRows(door: JobsDoor): Promise<number> {
  return door.acrossCommunes(async (tx) => {
    const [row] = rowsOf<{ deleted: number }>(
      await tx.execute(sql`select sweep_expired_gateway_rows() as deleted`),
    );
    return Number(row?.deleted ?? 0);
  });
}
