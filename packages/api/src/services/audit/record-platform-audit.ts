import type { Tx } from "@ciar/db/client";
import { platformAuditLog } from "@ciar/db/schema";
import type { PlatformAuditAction } from "@ciar/domain/audit-actions";

export interface PlatformAuditEvent {
  action: PlatformAuditAction;
  /** Who acted; null for flows without a signed-in person (a recovery link, a directory sign-in). */
  actorUserId: string | null;
  /** The account the event is about (the actor themself for their own account's changes). */
  subjectUserId: string | null;
  changes?: Record<string, unknown>;
  requestId: string;
  ip?: string | null;
  userAgent?: string | null;
}

/**
 * Writes an event to the platform's own log (account and platform-wide events; commune events go
 * to recordAudit), in the caller's transaction: the change and its record land together.
 */
export async function recordPlatformAudit(tx: Tx, event: PlatformAuditEvent): Promise<void> {
  await tx.insert(platformAuditLog).values({
    actorUserId: event.actorUserId,
    subjectUserId: event.subjectUserId,
    action: event.action,
    changes: event.changes ?? {},
    requestId: event.requestId,
    ip: event.ip ?? null,
    userAgent: event.userAgent ?? null,
  });
}
