import { zListPlatformAuditInput } from "@ciar/domain/schemas/people";
import { platformProcedure } from "../procedures/platform";
import { listPlatformAudit } from "../services/audit/list-platform-audit";
import { router } from "../trpc";

/** The platform's own log (account and platform-wide events), for platform admins. */
export const platformAuditRouter = router({
  list: platformProcedure
    .input(zListPlatformAuditInput)
    .query(({ ctx, input }) => listPlatformAudit(ctx.tx, input)),
});
