import { zMarkReadInput, zNotificationsInput } from "@ciar/domain/schemas/use-cases";
import { permittedProcedure } from "../procedures/permitted";
import { listNotifications, markNotificationsRead } from "../services/discussion/notifications";
import { router } from "../trpc";

/** The active commune's inbox: adoptions, questions, comments and endorsements of its use cases. */
export const notificationsRouter = router({
  list: permittedProcedure("notifications.read")
    .input(zNotificationsInput)
    .query(({ ctx, input }) => listNotifications(ctx.tx, ctx.commune.id, input)),
  markRead: permittedProcedure("notifications.read")
    .input(zMarkReadInput)
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.tx, ctx.commune.id, input.ids)),
});
