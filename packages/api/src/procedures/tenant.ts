import { communes, memberships } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import type { MembershipRole } from "@ciar/domain/roles";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { authedProcedure } from "./authed";

const zCommuneId = z.uuid();

export interface ActiveCommune {
  id: string;
  role: MembershipRole;
}

/**
 * The one door to a commune's data. Names the commune from `x-commune-id`, opens a transaction as
 * the app role with app.user_id and app.commune_id set, checks the membership inside it (so a
 * revoked member is refused at once), and hands the handler `ctx.tx`. The transaction is opened
 * here, not in createContext, so each call of a batch gets its own, and a failed handler rolls back.
 */
export const tenantProcedure = authedProcedure.use(async ({ ctx, next }) => {
  if (!ctx.communeHeader) throw new AppError("tenant.missing");
  const parsed = zCommuneId.safeParse(ctx.communeHeader);
  // An unknown or malformed id gets the same answer as a commune one does not belong to.
  if (!parsed.success) throw new AppError("tenant.forbidden");
  const communeId = parsed.data;

  return ctx.runAs({ userId: ctx.user.id, communeId }, async (tx) => {
    const [membership] = await tx
      .select({ role: memberships.role, status: communes.status })
      .from(memberships)
      .innerJoin(communes, eq(communes.id, memberships.communeId))
      .where(and(eq(memberships.communeId, communeId), eq(memberships.userId, ctx.user.id)));
    if (!membership) throw new AppError("tenant.forbidden");
    if (membership.status !== "active") throw new AppError("communes.inactive");

    const commune: ActiveCommune = { id: communeId, role: membership.role };
    ctx.noteCommune(communeId);
    const result = await next({ ctx: { tx, commune } });
    // Throwing (rather than returning the failed result) rolls the transaction back.
    if (!result.ok) throw result.error;
    return result;
  });
});
