import type { Tx } from "@ciar/db/client";
import { apiKeys, modules, users } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import type { CreateApiKeyInput } from "@ciar/domain/schemas/modules";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { iso, isUniqueViolation } from "../modules/views";
import { inSavepoint } from "../savepoint";
import { newApiKey } from "./key-format";

/**
 * A commune's keys for the module gateway. The key is returned once, by `createApiKey`; only its
 * SHA-256 is stored and no answer or audit event ever carries the key or its hash. A key is
 * scoped to published modules; whether the commune may call one (its subscription) is checked
 * by the gateway on every call, so a key can be made before the purchase order is activated.
 */

/**
 * Live (not revoked) keys a commune may hold per module. The gateway's rate limit is per key, so
 * without a cap a commune could multiply it by making keys; revoking one frees its place.
 */
export const MAX_LIVE_KEYS_PER_MODULE = 10;

const keyColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  moduleIds: apiKeys.moduleIds,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

type KeyRow = {
  id: string;
  name: string;
  prefix: string;
  moduleIds: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

function keyView(row: KeyRow, moduleById: Map<string, { id: string; slug: string; name: string }>) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    moduleIds: row.moduleIds,
    // A module its reader can no longer see (retired, not subscribed) is left out.
    modules: row.moduleIds.flatMap((id) => moduleById.get(id) ?? []),
    createdAt: iso(row.createdAt),
    lastUsedAt: iso(row.lastUsedAt),
    revokedAt: iso(row.revokedAt),
  };
}

async function modulesById(tx: Tx, ids: string[]) {
  if (ids.length === 0) return new Map<string, { id: string; slug: string; name: string }>();
  const rows = await tx
    .select({ id: modules.id, slug: modules.slug, name: modules.name })
    .from(modules)
    .where(inArray(modules.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The commune's keys, newest first, revoked ones too; never the hash. */
export async function listApiKeys(tx: Tx, communeId: string) {
  const rows = (await tx
    .select({ ...keyColumns, createdByName: users.name })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(eq(apiKeys.communeId, communeId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))) as Array<KeyRow & { createdByName: string | null }>;
  const byId = await modulesById(tx, [...new Set(rows.flatMap((r) => r.moduleIds))]);
  return rows.map((row) => ({ ...keyView(row, byId), createdBy: row.createdByName }));
}

export async function createApiKey(tx: Tx, actor: Actor, input: CreateApiKeyInput) {
  const published = await tx
    .select({ id: modules.id, slug: modules.slug, name: modules.name })
    .from(modules)
    .where(and(inArray(modules.id, input.moduleIds), eq(modules.status, "published")));
  if (published.length !== input.moduleIds.length) throw new AppError("modules.not_found");
  await checkKeyCap(tx, actor.communeId, input.moduleIds);

  // The public prefix is random too (4 bytes): on the rare collision, draw again, in a savepoint
  // so that the failed insert does not abort the request's transaction.
  for (let attempt = 1; ; attempt++) {
    const { key, prefix, hash } = newApiKey();
    try {
      const row = await inSavepoint(tx, async (savepoint) => {
        const [inserted] = await savepoint
          .insert(apiKeys)
          .values({
            communeId: actor.communeId,
            name: input.name,
            prefix,
            tokenHash: hash,
            moduleIds: input.moduleIds,
            createdBy: actor.userId,
          })
          .returning(keyColumns);
        return inserted as KeyRow;
      });
      await recordAudit(tx, actor, {
        action: "api_key.created",
        entityType: "api_key",
        entityId: row.id,
        changes: { name: input.name, prefix, modules: published.map((m) => m.slug) },
      });
      const view = keyView(row, new Map(published.map((m) => [m.id, m])));
      return {
        /** Shown once: only its hash is kept. */
        key,
        apiKey: {
          id: view.id,
          name: view.name,
          prefix: view.prefix,
          moduleIds: view.moduleIds,
          createdAt: view.createdAt,
        },
      };
    } catch (error) {
      const collision =
        isUniqueViolation(error, "api_keys_prefix_key") ||
        isUniqueViolation(error, "api_keys_token_hash_key");
      if (!collision || attempt >= 3) throw error;
    }
  }
}

/** Refuses a key that would take any of its modules over MAX_LIVE_KEYS_PER_MODULE. */
async function checkKeyCap(tx: Tx, communeId: string, moduleIds: string[]) {
  // One creation at a time per commune (until commit): two concurrent ones cannot both pass.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`api-keys:${communeId}`}, 0))`);
  const live = await tx
    .select({ moduleIds: apiKeys.moduleIds })
    .from(apiKeys)
    .where(and(eq(apiKeys.communeId, communeId), isNull(apiKeys.revokedAt)));
  for (const moduleId of new Set(moduleIds)) {
    const held = live.filter((k) => k.moduleIds.includes(moduleId)).length;
    if (held >= MAX_LIVE_KEYS_PER_MODULE) throw new AppError("apiKeys.too_many");
  }
}

/** Revokes a key at once (the gateway refuses it from the next call); revoking twice changes nothing. */
export async function revokeApiKey(tx: Tx, actor: Actor, id: string) {
  const [before] = (await tx
    .select(keyColumns)
    .from(apiKeys)
    .where(and(eq(apiKeys.communeId, actor.communeId), eq(apiKeys.id, id)))
    .for("update")) as KeyRow[];
  if (!before) throw new AppError("apiKeys.not_found");
  let row = before;
  if (!before.revokedAt) {
    const [updated] = (await tx
      .update(apiKeys)
      .set({ revokedAt: new Date(), revokedBy: actor.userId })
      .where(and(eq(apiKeys.communeId, actor.communeId), eq(apiKeys.id, id)))
      .returning(keyColumns)) as KeyRow[];
    row = updated!;
    await recordAudit(tx, actor, {
      action: "api_key.revoked",
      entityType: "api_key",
      entityId: id,
      changes: { name: before.name, prefix: before.prefix },
    });
  }
  return keyView(row, await modulesById(tx, row.moduleIds));
}
