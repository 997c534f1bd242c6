import {
  zDiscoverDirectoryInput,
  zSaveDirectoryInput,
  zTestDirectoryInput,
} from "@ciar/domain/schemas/directory";
import { authedProcedure } from "../procedures/authed";
import { permittedOutsideTransaction, permittedProcedure } from "../procedures/permitted";
import { publicProcedure } from "../procedures/public";
import { publicRateLimit } from "../procedures/rate-limit";
import { getDirectory, saveDirectory } from "../services/directory/configure";
import { listConnectedDirectories } from "../services/directory/connected";
import { discoverDirectories } from "../services/directory/discover";
import { testIssuer } from "../services/directory/issuer";
import { router } from "../trpc";

const manage = permittedProcedure("directory.manage");

/**
 * Sign-in with the commune's directory (OpenID Connect): its admin configures and tests it; the
 * sign-in page discovers it by e-mail domain. The flow itself runs on plain routes
 * (apps/server: /auth/directory/start and /callback) through the directory door.
 */
export const directoryRouter = router({
  get: manage.query(({ ctx }) => getDirectory(ctx.tx, ctx.commune.id, ctx.deps.directory)),
  save: manage
    .input(zSaveDirectoryInput)
    .mutation(({ ctx, input }) => saveDirectory(ctx.tx, ctx.actor, ctx.deps, input)),
  /** "Probar conexión": discovery against an issuer (saved or not); reports why it fails. */
  // Up to ISSUER_TIMEOUT_SECONDS on the network: checked, then run with no transaction open.
  test: permittedOutsideTransaction("directory.manage")
    .input(zTestDirectoryInput)
    .mutation(({ ctx, input }) => testIssuer(ctx.deps.directory, input.issuerUrl)),
  /** Mi cuenta: the directories the caller has signed in with. */
  mine: authedProcedure.query(({ ctx }) =>
    ctx.runAs({ userId: ctx.user.id }, (tx) => listConnectedDirectories(tx, ctx.user.id)),
  ),
  discover: publicProcedure
    .use(publicRateLimit)
    .input(zDiscoverDirectoryInput)
    .query(({ ctx, input }) => discoverDirectories(ctx.runAs, input.email)),
});
