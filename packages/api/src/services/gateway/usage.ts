import { usageRecords } from "@ciar/db/schema";
import type { RunAs } from "../../context";
import type { GatewayCall } from "./access";

/** Longest Idempotency-Key the gateway accepts. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 200;

/**
 * Counts one usage unit for a call the upstream answered with 2xx, in its own transaction as the
 * subscriber (policy usage_records_own). With an Idempotency-Key, a retried call finds the first
 * record through the unique index (commune, module, idempotency key) and is not counted again.
 * Returns whether a unit was counted.
 */
export function recordGatewayUsage(
  runAs: RunAs,
  call: GatewayCall,
  idempotencyKey: string | null,
): Promise<boolean> {
  return runAs({ communeId: call.communeId }, async (tx) => {
    const inserted = await tx
      .insert(usageRecords)
      .values({
        communeId: call.communeId,
        moduleId: call.moduleId,
        providerCommuneId: call.providerCommuneId,
        subscriptionId: call.subscriptionId,
        apiKeyId: call.keyId,
        month: call.month,
        units: 1,
        overQuota: call.overQuota,
        idempotencyKey,
      })
      .onConflictDoNothing()
      .returning({ id: usageRecords.id });
    return inserted.length > 0;
  });
}
