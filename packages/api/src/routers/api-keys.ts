import { zApiKeyIdInput, zCreateApiKeyInput } from "@ciar/domain/schemas/modules";
import { permittedProcedure } from "../procedures/permitted";
import { createApiKey, listApiKeys, revokeApiKey } from "../services/api-keys/api-keys";
import { router } from "../trpc";

const manage = permittedProcedure("apiKeys.manage");

/** The active commune's keys for the module gateway: created (shown once), listed, revoked. */
export const apiKeysRouter = router({
  create: manage
    .input(zCreateApiKeyInput)
    .mutation(({ ctx, input }) => createApiKey(ctx.tx, ctx.actor, input)),
  list: manage.query(({ ctx }) => listApiKeys(ctx.tx, ctx.commune.id)),
  revoke: manage
    .input(zApiKeyIdInput)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.tx, ctx.actor, input.id)),
});
