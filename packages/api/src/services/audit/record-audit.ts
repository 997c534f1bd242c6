import type { Tx } from "@ciar/db/client";
import { auditLog } from "@ciar/db/schema";
import type { AuditAction } from "@ciar/domain/audit-actions";
import type { Actor } from "../actor";

export interface AuditEvent {
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  changes?: Record<string, unknown>;
}

/** Writes the audit event in the mutation's own transaction: both land, or neither does. */
/** Who acted: a person, or nobody for the platform's own steps (a Stripe event). */
type AuditActor = Omit<Actor, "userId"> & { userId: string | null };

export async function recordAudit(tx: Tx, actor: AuditActor, event: AuditEvent): Promise<void> {
  await tx.insert(auditLog).values({
    communeId: actor.communeId,
    actorUserId: actor.userId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId ?? null,
    changes: event.changes ?? {},
    requestId: actor.requestId,
  });
}

/** { field: { from, to } } for the fields that actually changed. */
export function diff<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(after)) {
    if (to !== undefined && before[key] !== to) changes[key] = { from: before[key] ?? null, to };
  }
  return changes;
}
