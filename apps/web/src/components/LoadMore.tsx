import { useTranslation } from "react-i18next";

/** What a paged list's "Cargar más" needs from its infinite query (TanStack Query's own fields). */
interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): Promise<unknown>;
}

/** "Cargar más" under a paged list: shown while a next page exists, busy while it loads. */
export function LoadMore({ query }: { query: PagedQuery }) {
  const { t } = useTranslation();
  if (!query.hasNextPage) return null;
  return (
    <button
      type="button"
      className="button secondary"
      onClick={() => void query.fetchNextPage()}
      disabled={query.isFetchingNextPage}
    >
      {query.isFetchingNextPage ? t("common.loading") : t("common.loadMore")}
    </button>
  );
}
