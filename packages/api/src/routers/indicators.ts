import {
  zDefineIndicatorInput,
  zIndicatorValuesInput,
  zRecordIndicatorValueInput,
  zRemoveIndicatorValueInput,
} from "@ciar/domain/schemas/indicators";
import { coordinatorProcedure } from "../procedures/coordinator";
import { permittedProcedure } from "../procedures/permitted";
import {
  coalitionIndicators,
  indicatorCatalog,
  indicatorValuesOf,
} from "../services/indicators/read-indicators";
import {
  defineIndicator,
  recordIndicatorValue,
  removeIndicatorValue,
} from "../services/indicators/write-indicators";
import { router } from "../trpc";

/**
 * Coalition indicators: a commune reads the indicators of its coalitions and records its own
 * quarterly values; a coordinator defines the indicators of their coalition.
 */
export const indicatorsRouter = router({
  catalog: permittedProcedure("indicators.read").query(({ ctx }) => indicatorCatalog(ctx.tx, ctx.commune.id)),
  values: permittedProcedure("indicators.read")
    .input(zIndicatorValuesInput)
    .query(({ ctx, input }) => indicatorValuesOf(ctx.tx, ctx.commune.id, input)),
  record: permittedProcedure("indicators.write")
    .input(zRecordIndicatorValueInput)
    .mutation(({ ctx, input }) => recordIndicatorValue(ctx.tx, ctx.actor, input)),
  removeValue: permittedProcedure("indicators.write")
    .input(zRemoveIndicatorValueInput)
    .mutation(({ ctx, input }) => removeIndicatorValue(ctx.tx, ctx.actor, input)),
  /** The coordinator's coalition catalog. */
  list: coordinatorProcedure.query(({ ctx }) => coalitionIndicators(ctx.tx, ctx.coalition.id)),
  define: coordinatorProcedure
    .input(zDefineIndicatorInput)
    .mutation(({ ctx, input }) => defineIndicator(ctx.tx, ctx.actor, input)),
});
