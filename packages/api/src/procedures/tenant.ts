import { communes, memberships } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import type { MembershipRole } from "@ciar/domain/roles";
import { and, eq, sql } from "drizzle-orm";
import { zUuid } from "@ciar/domain/schemas/common";
import type { Actor } from "../services/actor";
import { authedProcedure } from "./authed";

const zCommuneId = zUuid; // lower-cased: ids are canonical from the door on

interface ActiveCommune {
  id: string;
  role: MembershipRole;
}

/**
 * The one door to a commune's data. Names the commune from `x-commune-id`, opens a transaction as
 * the app role with app.user_id and app.commune_id set (the statement that sets them also checks
 * that the caller's session is live: authedProcedure's runAs), checks the membership inside it (so
 * a removed or suspended member is refused at once), and hands the handler `ctx.tx`. The transaction is opened
 * here, not in createContext, so each call of a batch gets its own, and a failed handler rolls back.
 * `ctx.afterCommit(work)` runs `work` once the transaction has committed, before the answer leaves.
 */
export const tenantProcedure = authedProcedure.use(async ({ ctx, next }) => {
  if (!ctx.communeHeader) throw new AppError("tenant.missing");
  const parsed = zCommuneId.safeParse(ctx.communeHeader);
  // An unknown or malformed id gets the same answer as a commune one does not belong to.
  if (!parsed.success) throw new AppError("tenant.forbidden");
  const communeId = parsed.data;

  // Work that must wait for the commit (e-mail): a rolled-back transaction sends nothing.
  const afterCommit: Array<() => Promise<void>> = [];
  const result = await ctx.runAs({ userId: ctx.user.id, communeId }, async (tx) => {
    const [membership] = await tx
      .select({
        role: memberships.role,
        suspendedAt: memberships.suspendedAt,
        status: communes.status,
        // Two-step verification required here (the commune's policy, or a platform admin) and the
        // caller has no factor yet: only their own account (Mi cuenta) is open to them. Same statement.
        mustEnrol: sql<boolean>`app_two_step_required(${communeId}::uuid) and not app_has_second_factor()`,
      })
      .from(memberships)
      .innerJoin(communes, eq(communes.id, memberships.communeId))
      .where(and(eq(memberships.communeId, communeId), eq(memberships.userId, ctx.user.id)));
    if (!membership) throw new AppError("tenant.forbidden");
    // Read in this transaction: a suspension committed a moment ago refuses this very request.
    if (membership.suspendedAt) throw new AppError("members.suspended");
    if (membership.status !== "active") throw new AppError("communes.inactive");
    if (membership.mustEnrol) throw new AppError("auth.two_step_enrolment_required");

    const commune: ActiveCommune = { id: communeId, role: membership.role };
    ctx.noteCommune(communeId);
    // Who acts, where, in which request: what services stamp on audit events, set once here.
    const actor: Actor = { userId: ctx.user.id, communeId, requestId: ctx.requestId };
    const outcome = await next({
      ctx: { tx, commune, actor, afterCommit: (work: () => Promise<void>) => void afterCommit.push(work) },
    });
    // Throwing (rather than returning the failed result) rolls the transaction back.
    if (!outcome.ok) throw outcome.error;
    return outcome;
  });
  for (const work of afterCommit) await work();
  return result;
});
