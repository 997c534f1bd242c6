import { zCatalogExportInput, zCatalogSearchInput } from "@ciar/domain/schemas/use-cases";
import { permittedProcedure } from "../procedures/permitted";
import { searchCatalog } from "../services/catalog/search-catalog";
import { exportCatalog } from "../services/interchange/export-catalog";
import { router } from "../trpc";

/**
 * The shared catalog: the commune's own use cases plus those other communes published to the
 * coalition or the public. The cross-commune read is the database policy use_cases_catalog_read.
 */
export const catalogRouter = router({
  search: permittedProcedure("useCases.read")
    .input(zCatalogSearchInput)
    .query(({ ctx, input }) => searchCatalog(ctx.tx, ctx.commune.id, input)),
  export: permittedProcedure("useCases.read")
    .input(zCatalogExportInput)
    .query(({ ctx, input: { format, ...filters } }) =>
      exportCatalog(ctx.tx, ctx.commune.id, filters, format),
    ),
});
