import { communes, memberships } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import type { MembershipRole } from "@ciar/domain/roles";
import { and, eq, sql } from "drizzle-orm";
import { zUuid } from "@ciar/domain/schemas/common";
import type { Tx } from "@ciar/db/client";
import type { Actor } from "../services/actor";
import { authedProcedure } from "./authed";

const zCommuneId = zUuid; // lower-cased: ids are canonical from the door on

interface ActiveCommune {
  id: string;
  role: MembershipRole;
}

/** The commune `x-commune-id` names; an unknown or malformed id is refused like a foreign one. */
function namedCommune(header: string | undefined): string {
  if (!header) throw new AppError("tenant.missing");
  const parsed = zCommuneId.safeParse(header);
  if (!parsed.success) throw new AppError("tenant.forbidden");
  return parsed.data;
}

/**
 * The caller's standing in the commune, read in the door's transaction (a suspension committed a
 * moment ago refuses this very request): a member, not suspended, of an active commune, and
 * enrolled in two-step verification where the commune requires it. One statement.
 */
async function enterCommune(tx: Tx, userId: string, communeId: string): Promise<ActiveCommune> {
  const [membership] = await tx
    .select({
      role: memberships.role,
      suspendedAt: memberships.suspendedAt,
      status: communes.status,
      // Two-step verification required here (the commune's policy, or a platform admin) and the
      // caller has no factor yet: only their own account (Mi cuenta) is open to them.
      mustEnrol: sql<boolean>`app_two_step_required(${communeId}::uuid) and not app_has_second_factor()`,
    })
    .from(memberships)
    .innerJoin(communes, eq(communes.id, memberships.communeId))
    .where(and(eq(memberships.communeId, communeId), eq(memberships.userId, userId)));
  if (!membership) throw new AppError("tenant.forbidden");
  if (membership.suspendedAt) throw new AppError("members.suspended");
  if (membership.status !== "active") throw new AppError("communes.inactive");
  if (membership.mustEnrol) throw new AppError("auth.two_step_enrolment_required");
  return { id: communeId, role: membership.role };
}

/**
 * The one door to a commune's data. Names the commune from `x-commune-id`, opens a transaction as
 * the app role with app.user_id and app.commune_id set (the statement that sets them also checks
 * that the caller's session is live: authedProcedure's runAs), checks the membership inside it (so
 * a removed or suspended member is refused at once), and hands the handler `ctx.tx`. The
 * transaction is opened here, not in createContext, so each call of a batch gets its own, and a
 * failed handler rolls back. `ctx.afterCommit(work)` runs `work` once the transaction has
 * committed, before the answer leaves.
 */
export const tenantProcedure = authedProcedure.use(async ({ ctx, next }) => {
  const communeId = namedCommune(ctx.communeHeader);

  // Work that must wait for the commit (e-mail): a rolled-back transaction sends nothing.
  const afterCommit: Array<() => Promise<void>> = [];
  const result = await ctx.runAs({ userId: ctx.user.id, communeId }, async (tx) => {
    const commune = await enterCommune(tx, ctx.user.id, communeId);
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

/**
 * The same check as the tenant door, in its own short transaction, then the handler runs with no
 * transaction open and no `ctx.tx`: for work that waits on the network (an OpenID issuer's
 * discovery), which must not hold a connection (on embedded PGlite, the only one) meanwhile.
 */
export const tenantCheckedProcedure = authedProcedure.use(async ({ ctx, next }) => {
  const communeId = namedCommune(ctx.communeHeader);
  const commune = await ctx.runAs({ userId: ctx.user.id, communeId }, (tx) =>
    enterCommune(tx, ctx.user.id, communeId),
  );
  ctx.noteCommune(communeId);
  const actor: Actor = { userId: ctx.user.id, communeId, requestId: ctx.requestId };
  return next({ ctx: { commune, actor } });
});
