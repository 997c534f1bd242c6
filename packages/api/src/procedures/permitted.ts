import { AppError } from "@ciar/domain/errors";
import { can, type Action } from "@ciar/domain/permissions";
import { tenantProcedure } from "./tenant";

/** A tenant procedure whose caller's role must allow `action` (table in @ciar/domain/permissions). */
export function permittedProcedure(action: Action) {
  return tenantProcedure.use(({ ctx, next }) => {
    if (!can(ctx.commune.role, action)) throw new AppError("permission.denied");
    return next();
  });
}
