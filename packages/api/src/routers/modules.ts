import {
  zAddPlanInput,
  zCreateModuleInput,
  zModuleCatalogInput,
  zModuleIdInput,
  zModuleSlugInput,
  zModuleSubscribersInput,
  zPlanIdInput,
  zProviderReportInput,
  zSetUpstreamInput,
  zUpdateModuleInput,
  zUpdatePlanInput,
} from "@ciar/domain/schemas/modules";
import { authedProcedure } from "../procedures/authed";
import { permittedProcedure } from "../procedures/permitted";
import { getModule, moduleCatalog, useViewerCommune } from "../services/modules/catalog";
import {
  addPlan,
  archivePlan,
  createModule,
  listOwnModules,
  moduleSubscribers,
  providerReport,
  publishModule,
  retireModule,
  rotateSigningSecret,
  setUpstream,
  updateModule,
  updatePlan,
} from "../services/modules/provider";
import { priceProviderPlans } from "../services/billing/plan-prices";
import { router } from "../trpc";

const provider = permittedProcedure("modules.manage");

/**
 * Shared AI modules. The provider side works on the active commune's modules; the catalog and a
 * module's page are open to any signed-in user (published modules are public), read with
 * app.user_id only, or with the commune of x-commune-id once the membership is checked.
 */
export const modulesRouter = router({
  // The provider (the active commune).
  create: provider
    .input(zCreateModuleInput)
    .mutation(({ ctx, input }) => createModule(ctx.tx, ctx.actor, input)),
  update: provider
    .input(zUpdateModuleInput)
    .mutation(({ ctx, input }) => updateModule(ctx.tx, ctx.actor, input)),
  setUpstream: provider
    .input(zSetUpstreamInput)
    .mutation(({ ctx, input }) => setUpstream(ctx.tx, ctx.actor, input)),
  rotateSigningSecret: provider
    .input(zModuleIdInput)
    .mutation(({ ctx, input }) => rotateSigningSecret(ctx.tx, ctx.actor, input.id)),
  // With Stripe on, a published module's plans are priced in Stripe as they change (see plan-prices).
  addPlan: provider.input(zAddPlanInput).mutation(async ({ ctx, input }) => {
    const plan = await addPlan(ctx.tx, ctx.actor, input);
    await priceProviderPlans(ctx.tx, ctx.commune.id, ctx.deps.billing, { planId: plan.id });
    return plan;
  }),
  updatePlan: provider.input(zUpdatePlanInput).mutation(async ({ ctx, input }) => {
    const plan = await updatePlan(ctx.tx, ctx.actor, input);
    await priceProviderPlans(ctx.tx, ctx.commune.id, ctx.deps.billing, { planId: input.id });
    return plan;
  }),
  archivePlan: provider
    .input(zPlanIdInput)
    .mutation(({ ctx, input }) => archivePlan(ctx.tx, ctx.actor, input.id)),
  publish: provider.input(zModuleIdInput).mutation(async ({ ctx, input }) => {
    const published = await publishModule(ctx.tx, ctx.actor, input.id);
    await priceProviderPlans(ctx.tx, ctx.commune.id, ctx.deps.billing, { moduleId: input.id });
    return published;
  }),
  retire: provider
    .input(zModuleIdInput)
    .mutation(({ ctx, input }) => retireModule(ctx.tx, ctx.actor, input.id)),
  mine: provider.query(({ ctx }) => listOwnModules(ctx.tx, ctx.commune.id)),
  subscribers: provider
    .input(zModuleSubscribersInput)
    .query(({ ctx, input }) => moduleSubscribers(ctx.tx, ctx.commune.id, input.moduleId)),
  providerReport: provider
    .input(zProviderReportInput)
    .query(({ ctx, input }) => providerReport(ctx.tx, ctx.commune.id, input)),

  // The catalog (any signed-in user).
  catalog: authedProcedure.input(zModuleCatalogInput).query(({ ctx, input }) =>
    ctx.runAs({ userId: ctx.user.id }, async (tx, setAccess) => {
      await useViewerCommune(tx, setAccess, ctx.user.id, ctx.communeHeader);
      return moduleCatalog(tx, input);
    }),
  ),
  get: authedProcedure
    .input(zModuleSlugInput)
    .query(({ ctx, input }) =>
      ctx.runAs({ userId: ctx.user.id }, async (tx, setAccess) =>
        getModule(tx, await useViewerCommune(tx, setAccess, ctx.user.id, ctx.communeHeader), input.slug),
      ),
    ),
});
