import { coalitionCoordinators, coalitions, communes, memberships, users } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import type { PlatformRole } from "@ciar/domain/roles";
import { asc, eq, and, isNotNull, isNull } from "drizzle-orm";
import type { RunAs } from "../ports";

/**
 * The signed-in user, their platform roles, the coalitions they coordinate, and the active communes
 * they can switch to (not those where their access is suspended).
 */
export async function getMe(runAs: RunAs, user: { id: string; platformRoles: PlatformRole[] }) {
  return runAs({ userId: user.id }, async (tx) => {
    const [profile] = await tx
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        locale: users.locale,
        isDemo: users.isDemo,
      })
      .from(users)
      .where(eq(users.id, user.id));
    if (!profile) throw new AppError("auth.session_expired");
    const rows = await tx
      .select({
        communeId: communes.id,
        code: communes.code,
        name: communes.name,
        displayName: communes.displayName,
        region: communes.region,
        isDemo: communes.isDemo,
        role: memberships.role,
      })
      .from(memberships)
      .innerJoin(communes, eq(communes.id, memberships.communeId))
      // A suspended membership is not offered: its door would refuse it.
      .where(
        and(eq(memberships.userId, user.id), isNull(memberships.suspendedAt), eq(communes.status, "active")),
      )
      .orderBy(asc(communes.name));
    // Where their access is suspended: the dashboard says so instead of "not a member".
    const suspendedCommunes = await tx
      .select({ communeId: communes.id, code: communes.code, name: communes.name })
      .from(memberships)
      .innerJoin(communes, eq(communes.id, memberships.communeId))
      .where(and(eq(memberships.userId, user.id), isNotNull(memberships.suspendedAt)))
      .orderBy(asc(communes.name));
    const coordinates = await tx
      .select({ id: coalitions.id, slug: coalitions.slug, name: coalitions.name })
      .from(coalitionCoordinators)
      .innerJoin(coalitions, eq(coalitions.id, coalitionCoordinators.coalitionId))
      .where(eq(coalitionCoordinators.userId, user.id))
      .orderBy(asc(coalitions.name));
    return {
      user: profile,
      platformRoles: user.platformRoles,
      coordinates,
      memberships: rows,
      suspendedCommunes,
    };
  });
}
