import { useTranslation } from "react-i18next";
import { EmptyState, ErrorNotice, Loading } from "../../components/StatusMessages";
import type { useCatalogSearch } from "./use-catalog-search";
import { UseCaseCard } from "./UseCaseCard";

interface Props {
  result: ReturnType<typeof useCatalogSearch>;
  filtered: boolean;
}

export function CatalogResults({ result, filtered }: Props) {
  const { t } = useTranslation();
  const { search, items, total } = result;
  if (search.isPending) return <Loading label={t("catalog.loading")} />;
  // A failed "load more" keeps the cards already shown; only a failed first page replaces them.
  if (!search.data) return <ErrorNotice error={search.error} onRetry={() => void search.refetch()} />;

  return (
    <>
      <p className="result-count" role="status">
        {t("catalog.count", { count: total ?? items.length })}
      </p>
      {items.length === 0 ? (
        <EmptyState title={filtered ? t("catalog.noMatches") : t("catalog.empty")}>
          {filtered && <p>{t("catalog.noMatchesHint")}</p>}
        </EmptyState>
      ) : (
        <ul className="card-list">
          {items.map((item) => (
            <UseCaseCard key={item.id} item={item} />
          ))}
        </ul>
      )}
      {search.hasNextPage && (
        <button
          type="button"
          className="button secondary"
          onClick={() => void search.fetchNextPage()}
          disabled={search.isFetchingNextPage}
        >
          {search.isFetchingNextPage ? t("common.loading") : t("common.loadMore")}
        </button>
      )}
      {search.isError && <ErrorNotice error={search.error} />}
    </>
  );
}
