import type { Tx } from "@ciar/db/client";
import { memberships, users } from "@ciar/db/schema";
import { and, asc, count, eq, ilike, or, sql } from "drizzle-orm";
import { decodeCursor, encodeCursor } from "../pagination/keyset-cursor";

export interface ListMembersInput {
  cursor?: string | undefined;
  limit: number;
  search?: string | undefined;
}

export async function listMembers(tx: Tx, communeId: string, input: ListMembersInput) {
  const pattern = input.search ? `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const scope = and(
    eq(memberships.communeId, communeId),
    pattern ? or(ilike(users.name, pattern), ilike(users.email, pattern)) : undefined,
  );
  // Keyset over (lower(name), user id).
  const after = decodeCursor(input.cursor, "text");
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
      suspendedAt: memberships.suspendedAt,
      suspensionReason: memberships.suspensionReason,
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
