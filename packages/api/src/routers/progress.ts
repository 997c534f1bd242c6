import {
  zCommuneProfileInput,
  zExportCsvInput,
  zIndicatorTrendInput,
  zMyComparisonInput,
  zMyIndicatorComparisonInput,
  zOverviewInput,
  zPairingInput,
} from "@ciar/domain/schemas/comparisons";
import { coordinatorProcedure } from "../procedures/coordinator";
import { permittedProcedure } from "../procedures/permitted";
import { communeProfile } from "../services/comparisons/commune-profile";
import { exportCsv } from "../services/comparisons/csv-export";
import { indicatorTrend } from "../services/comparisons/indicator-trend";
import { coalitionOverview } from "../services/comparisons/overview";
import { myComparison, myIndicatorComparison } from "../services/comparisons/own-comparison";
import { pairing } from "../services/comparisons/pairing";
import { router } from "../trpc";

/**
 * Comparisons. A coordinator's views of their coalition (only submitted and validated
 * assessments, only shared use cases), and a commune admin's view of itself among its peers
 * (aggregates only, individual results when the coalition shares them).
 */
export const progressRouter = router({
  overview: coordinatorProcedure
    .input(zOverviewInput)
    .query(({ ctx, input }) => coalitionOverview(ctx.tx, ctx.coalition.id, input)),
  communeProfile: coordinatorProcedure
    .input(zCommuneProfileInput)
    .query(({ ctx, input }) => communeProfile(ctx.tx, ctx.coalition.id, input.communeId)),
  pairing: coordinatorProcedure
    .input(zPairingInput)
    .query(({ ctx, input }) => pairing(ctx.tx, ctx.coalition.id, input.communeId)),
  indicatorTrend: coordinatorProcedure
    .input(zIndicatorTrendInput)
    .query(({ ctx, input }) => indicatorTrend(ctx.tx, ctx.coalition.id, input.indicatorId, input)),
  exportCsv: coordinatorProcedure
    .input(zExportCsvInput)
    .query(({ ctx, input }) => exportCsv(ctx.tx, ctx.coalition.id, input)),

  /** The active commune among its peers of one of its coalitions. */
  myComparison: permittedProcedure("progress.compare")
    .input(zMyComparisonInput)
    .query(({ ctx, input }) => myComparison(ctx.tx, ctx.commune.id, input)),
  myIndicatorComparison: permittedProcedure("progress.compare")
    .input(zMyIndicatorComparisonInput)
    .query(({ ctx, input }) => myIndicatorComparison(ctx.tx, ctx.commune.id, input)),
});
