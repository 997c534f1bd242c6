import { useTranslation } from "react-i18next";
import { EmptyState, ErrorNotice, Loading } from "../../components/StatusMessages";
import type { useCatalogSearch } from "./use-catalog-search";
import { UseCaseCard } from "./UseCaseCard";
import { LoadMore } from "../../components/LoadMore";

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
      <LoadMore query={search} />
      {search.isError && <ErrorNotice error={search.error} />}
    </>
  );
}
