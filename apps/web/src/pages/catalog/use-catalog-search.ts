import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import type { CatalogSort } from "@ciar/domain/use-cases";
import { useCommuneTRPC, type RouterOutputs } from "../../lib/trpc";
import type { CatalogFilterInput } from "./catalog-filters";

export type CatalogPage = RouterOutputs["catalog"]["search"];
export type CatalogItem = CatalogPage["items"][number];

const PAGE_SIZE = 20;

/**
 * One search, page after page. Total and facets come with the first page only (the API leaves
 * them out after it), so they are read from there.
 */
export function useCatalogSearch(filters: CatalogFilterInput, sort: CatalogSort) {
  const trpc = useCommuneTRPC();
  const search = useInfiniteQuery(
    trpc.catalog.search.infiniteQueryOptions(
      { ...filters, sort, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor, placeholderData: keepPreviousData },
    ),
  );
  const first = search.data?.pages[0];
  return {
    search,
    items: search.data?.pages.flatMap((page) => page.items) ?? [],
    total: first?.total ?? null,
    facets: first?.facets ?? null,
  };
}
