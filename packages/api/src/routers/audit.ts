import { zAuditListInput } from "@ciar/domain/schemas/communes";
import { permittedProcedure } from "../procedures/permitted";
import { listAudit } from "../services/audit/list-audit";
import { router } from "../trpc";

export const auditRouter = router({
  list: permittedProcedure("audit.read")
    .input(zAuditListInput)
    .query(({ ctx, input }) => listAudit(ctx.tx, ctx.commune.id, input)),
});
