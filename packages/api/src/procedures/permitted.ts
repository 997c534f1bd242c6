import { AppError } from "@ciar/domain/errors";
import { can, type Action } from "@ciar/domain/permissions";
import { tenantCheckedProcedure, tenantProcedure } from "./tenant";

/** A tenant procedure whose caller's role must allow `action` (table in @ciar/domain/permissions). */
export function permittedProcedure(action: Action) {
  return tenantProcedure.use(({ ctx, next }) => {
    if (!can(ctx.commune.role, action)) throw new AppError("permission.denied");
    return next();
  });
}

/** The same, checked in a short transaction of its own; the handler runs outside any transaction. */
export function permittedOutsideTransaction(action: Action) {
  return tenantCheckedProcedure.use(({ ctx, next }) => {
    if (!can(ctx.commune.role, action)) throw new AppError("permission.denied");
    return next();
  });
}
