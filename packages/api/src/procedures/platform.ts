import { AppError } from "@ciar/domain/errors";
import { rowsOf } from "@ciar/db/rows";
import { sql } from "drizzle-orm";
import type { PlatformActor } from "../services/actor";
import { authedProcedure } from "./authed";

/**
 * Platform administration (coalitions, their members and coordinators, framework versions).
 * The role is checked in the database, in the same transaction as the work (a token issued
 * before the role was withdrawn does not keep it), and the policies check it again.
 * `ctx.actor` is who acts and in which request (what services stamp on audit events).
 */
export const platformProcedure = authedProcedure.use(async ({ ctx, next }) =>
  ctx.runAs({ userId: ctx.user.id }, async (tx, setAccess) => {
    // A platform admin outside the demo seed must have a second factor before administering.
    const rows = (await tx.execute(
      sql`select app_is_platform_admin() as ok, app_two_step_required(null) and not app_has_second_factor() as "mustEnrol"`,
    )) as unknown;
    const [row] = rowsOf<{ ok: boolean; mustEnrol: boolean }>(rows);
    if (row?.ok !== true) throw new AppError("platform.forbidden");
    if (row.mustEnrol) throw new AppError("auth.two_step_enrolment_required");
    // setAccess: adding a coordinator looks the account up by its exact address (app.auth_email).
    const actor: PlatformActor = {
      userId: ctx.user.id,
      requestId: ctx.requestId,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    };
    const outcome = await next({ ctx: { tx, setAccess, actor } });
    if (!outcome.ok) throw outcome.error;
    return outcome;
  }),
);
