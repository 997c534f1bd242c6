import { communes, memberships, users } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import type { CoalitionRole } from "@ciar/domain/roles";
import { asc, eq, and } from "drizzle-orm";
import type { RunAs } from "../../context";

/** The signed-in user, their coalition roles, and the active communes they can switch to. */
export async function getMe(runAs: RunAs, user: { id: string; coalitionRoles: CoalitionRole[] }) {
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
      .where(and(eq(memberships.userId, user.id), eq(communes.status, "active")))
      .orderBy(asc(communes.name));
    return { user: profile, coalitionRoles: user.coalitionRoles, memberships: rows };
  });
}
