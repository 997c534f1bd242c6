import type { Tx } from "@ciar/db/client";
import { memberships, users } from "@ciar/db/schema";
import { and, asc, count, eq, ilike, or, sql } from "drizzle-orm";

export interface ListMembersInput {
  cursor?: string | undefined;
  limit: number;
  search?: string | undefined;
}

/** Keyset cursor over (lower(name), user id), encoded so clients treat it as opaque. */
const encodeCursor = (name: string, userId: string) =>
  Buffer.from(JSON.stringify([name, userId])).toString("base64url");
function decodeCursor(cursor: string): [string, string] | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === "string"))
      return value as [string, string];
  } catch {
    // fall through: a bad cursor restarts from the first page rather than failing
  }
  return null;
}

export async function listMembers(tx: Tx, communeId: string, input: ListMembersInput) {
  const pattern = input.search ? `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const scope = and(
    eq(memberships.communeId, communeId),
    pattern ? or(ilike(users.name, pattern), ilike(users.email, pattern)) : undefined,
  );
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const sortName = sql<string>`lower(${users.name})`;

  const rows = await tx
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      isDemo: users.isDemo,
      lastLoginAt: users.lastLoginAt,
      memberSince: memberships.createdAt,
      sortName,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(scope, after ? sql`(${sortName}, ${users.id}) > (${after[0]}, ${after[1]}::uuid)` : undefined))
    .orderBy(asc(sortName), asc(users.id))
    .limit(input.limit + 1);
  const [total] = await tx
    .select({ n: count() })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(scope);

  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ sortName: _sortName, ...member }) => member),
    total: total?.n ?? 0,
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.sortName, last.userId) : null,
  };
}
