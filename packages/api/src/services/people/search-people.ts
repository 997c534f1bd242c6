import type { Tx } from "@ciar/db/client";
import { communes, memberships, users } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import { and, asc, count, eq, ilike, or, sql } from "drizzle-orm";
import { decodeCursor, encodeCursor } from "../pagination/keyset-cursor";

export interface SearchPeopleInput {
  cursor?: string | undefined;
  limit: number;
  search?: string | undefined;
}

/** The platform's people page: every account, by name, searchable by e-mail or name. */
export async function searchPeople(tx: Tx, input: SearchPeopleInput) {
  const pattern = input.search ? `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const scope = pattern ? or(ilike(users.name, pattern), ilike(users.email, pattern)) : undefined;
  // Keyset over (lower(name), user id), as the member list.
  const after = decodeCursor(input.cursor, "text");
  const sortName = sql<string>`lower(${users.name})`;
  const rows = await tx
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      isDemo: users.isDemo,
      lastLoginAt: users.lastLoginAt,
      lockedAt: users.disabledAt,
      sortName,
    })
    .from(users)
    .where(and(scope, after ? sql`(${sortName}, ${users.id}) > (${after[0]}, ${after[1]}::uuid)` : undefined))
    .orderBy(asc(sortName), asc(users.id))
    .limit(input.limit + 1);
  const [total] = await tx.select({ n: count() }).from(users).where(scope);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ sortName: _sortName, ...person }) => person),
    total: total?.n ?? 0,
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.sortName, last.userId) : null,
  };
}

/** One account: whether it is locked (and why), and its memberships in every commune. */
export async function getPerson(tx: Tx, userId: string) {
  const [person] = await tx
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      isDemo: users.isDemo,
      lastLoginAt: users.lastLoginAt,
      createdAt: users.createdAt,
      lockedAt: users.disabledAt,
      lockReason: users.disabledReason,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!person) throw new AppError("people.not_found");
  const rows = await tx
    .select({
      communeId: communes.id,
      code: communes.code,
      name: communes.name,
      communeStatus: communes.status,
      role: memberships.role,
      suspendedAt: memberships.suspendedAt,
      suspensionReason: memberships.suspensionReason,
      memberSince: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(communes, eq(communes.id, memberships.communeId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(communes.name));
  return { ...person, memberships: rows };
}
