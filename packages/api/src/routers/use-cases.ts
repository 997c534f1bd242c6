import { AppError } from "@ciar/domain/errors";
import { canSetStage } from "@ciar/domain/permissions";
import {
  zCompareVersionsInput,
  zCreateUseCaseInput,
  zImportPubliccodeInput,
  zMyUseCasesInput,
  zReviewInput,
  zSetStageInput,
  zSetVisibilityInput,
  zUpdateUseCaseInput,
  zUseCaseIdInput,
} from "@ciar/domain/schemas/use-cases";
import { permittedProcedure } from "../procedures/permitted";
import { tenantProcedure } from "../procedures/tenant";
import { fromPubliccode, toPubliccode } from "../services/interchange/publiccode";
import { adoptUseCase } from "../services/use-cases/adopt-use-case";
import { getLineage } from "../services/use-cases/lineage";
import { reviewUseCase, setStage, setVisibility, submitUseCase } from "../services/use-cases/publication";
import { getUseCase, listOwnUseCases } from "../services/use-cases/read-use-cases";
import { compareVersions, listVersions } from "../services/use-cases/versions";
import { createUseCase, updateUseCase } from "../services/use-cases/write-use-case";
import { router } from "../trpc";

const read = permittedProcedure("useCases.read");
const write = permittedProcedure("useCases.write");

/** The commune's own use cases, and reading any use case visible to it. */
export const useCasesRouter = router({
  mine: read
    .input(zMyUseCasesInput)
    .query(({ ctx, input }) => listOwnUseCases(ctx.tx, ctx.commune.id, input)),
  get: read.input(zUseCaseIdInput).query(({ ctx, input }) => getUseCase(ctx.tx, ctx.commune.id, input.id)),
  lineage: read.input(zUseCaseIdInput).query(async ({ ctx, input }) => {
    await getUseCase(ctx.tx, ctx.commune.id, input.id);
    return getLineage(ctx.tx, input.id);
  }),
  versions: read
    .input(zUseCaseIdInput)
    .query(({ ctx, input }) => listVersions(ctx.tx, ctx.commune.id, input.id)),
  compareVersions: read
    .input(zCompareVersionsInput)
    .query(({ ctx, input }) => compareVersions(ctx.tx, ctx.commune.id, input.id, input.from, input.to)),

  create: write
    .input(zCreateUseCaseInput)
    .mutation(({ ctx, input }) => createUseCase(ctx.tx, ctx.actor, input)),
  update: write.input(zUpdateUseCaseInput).mutation(({ ctx, input }) => {
    if (input.stage && !canSetStage(ctx.commune.role, input.stage)) throw new AppError("permission.denied");
    return updateUseCase(ctx.tx, ctx.actor, input);
  }),
  setStage: tenantProcedure.input(zSetStageInput).mutation(({ ctx, input }) => {
    if (!canSetStage(ctx.commune.role, input.stage)) throw new AppError("permission.denied");
    return setStage(ctx.tx, ctx.actor, input);
  }),
  submit: permittedProcedure("useCases.submit")
    .input(zUseCaseIdInput)
    .mutation(({ ctx, input }) => submitUseCase(ctx.tx, ctx.actor, input.id)),
  review: permittedProcedure("useCases.publish")
    .input(zReviewInput)
    .mutation(({ ctx, input }) => reviewUseCase(ctx.tx, ctx.actor, input)),
  setVisibility: permittedProcedure("useCases.publish")
    .input(zSetVisibilityInput)
    .mutation(({ ctx, input }) => setVisibility(ctx.tx, ctx.actor, input)),

  adopt: permittedProcedure("useCases.adopt")
    .input(zUseCaseIdInput)
    .mutation(({ ctx, input }) => adoptUseCase(ctx.tx, ctx.actor, input.id)),

  exportPubliccode: read
    .input(zUseCaseIdInput)
    .query(async ({ ctx, input }) => toPubliccode(await getUseCase(ctx.tx, ctx.commune.id, input.id))),
  importPubliccode: write
    .input(zImportPubliccodeInput)
    .mutation(({ ctx, input }) => createUseCase(ctx.tx, ctx.actor, fromPubliccode(input.content))),
});
