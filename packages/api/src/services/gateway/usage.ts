import { usageRecords } from "@ciar/db/schema";
import type { GatewayDoor } from "../ports";
import type { GatewayCall } from "./access";
import { releaseIdempotencyClaim, storeIdempotentAnswer, type StoredAnswer } from "./idempotency";
import { releaseHold } from "./quota-holds";

/**
 * Counts one usage unit for a call the upstream answered with 2xx, in its own transaction as the
 * subscriber (policy usage_records_own). In the same transaction the unit held for the call (a
 * `block` plan) becomes this record, and its Idempotency-Key's claim becomes the stored answer,
 * so a unit is never both held and counted, and a stored answer always has its unit.
 */
export function recordGatewayUsage(
  door: GatewayDoor,
  call: GatewayCall,
  answer: StoredAnswer | null,
): Promise<void> {
  return door.asCommune(call.communeId, async (tx) => {
    if (call.holdId) await releaseHold(tx, call.communeId, call.holdId);
    await tx.insert(usageRecords).values({
      communeId: call.communeId,
      moduleId: call.moduleId,
      providerCommuneId: call.providerCommuneId,
      subscriptionId: call.subscriptionId,
      apiKeyId: call.keyId,
      month: call.month,
      units: 1,
      overQuota: call.overQuota,
      idempotencyKey: call.idempotencyKey,
    });
    if (call.idempotencyKey && answer) {
      await storeIdempotentAnswer(tx, {
        communeId: call.communeId,
        moduleId: call.moduleId,
        key: call.idempotencyKey,
        answer,
      });
    }
  });
}

/**
 * A call that did not end in 2xx (or never reached the module) costs nothing: the unit held for
 * it goes back and its Idempotency-Key may be used again. Nothing to do for most calls.
 */
export async function releaseGatewayCall(door: GatewayDoor, call: GatewayCall): Promise<void> {
  if (!call.holdId && !call.idempotencyKey) return;
  await door.asCommune(call.communeId, async (tx) => {
    if (call.holdId) await releaseHold(tx, call.communeId, call.holdId);
    if (call.idempotencyKey) {
      await releaseIdempotencyClaim(tx, {
        communeId: call.communeId,
        moduleId: call.moduleId,
        key: call.idempotencyKey,
      });
    }
  });
}
