import { formatDateTime } from "@ciar/domain/format";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { StageBadge } from "../../components/StageBadge";
import { EmptyState, ErrorNotice, Loading } from "../../components/StatusMessages";
import { useCommune } from "../../lib/commune";
import { caseDetailPath } from "../../lib/commune-paths";
import { useCommuneTRPC } from "../../lib/trpc";
import { useUseCaseLabels } from "../../lib/use-case-labels";
import { useLocale } from "../../lib/use-locale";
import { LoadMore } from "../../components/LoadMore";

export function MyUseCasesList() {
  const { t } = useTranslation();
  const locale = useLocale();
  const commune = useCommune();
  const labels = useUseCaseLabels();
  const trpc = useCommuneTRPC();
  const mine = useInfiniteQuery(
    trpc.useCases.mine.infiniteQueryOptions({ limit: 25 }, { getNextPageParam: (page) => page.nextCursor }),
  );
  if (mine.isPending) return <Loading />;
  if (!mine.data) return <ErrorNotice error={mine.error} onRetry={() => void mine.refetch()} />;
  const rows = mine.data.pages.flatMap((page) => page.items);

  return (
    <>
      <p className="result-count" role="status">
        {t("myCases.count", { count: mine.data.pages[0]?.total ?? rows.length })}
      </p>
      {rows.length === 0 ? (
        <EmptyState title={t("myCases.empty")} />
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("myCases.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("myCases.caseTitle")}</th>
                <th scope="col">{t("myCases.status")}</th>
                <th scope="col">{t("myCases.visibility")}</th>
                <th scope="col">{t("myCases.stage")}</th>
                <th scope="col">{t("myCases.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <Link to={caseDetailPath(commune.code, row.id)}>{row.title}</Link>
                    {row.adoptedFromId && <span className="muted"> {t("myCases.reused")}</span>}
                    {row.status === "draft" && row.reviewNote && (
                      <p className="field-error">{t("myCases.rejected", { note: row.reviewNote })}</p>
                    )}
                  </th>
                  <td>{labels.status(row.status)}</td>
                  <td>{labels.visibility(row.visibility)}</td>
                  <td>
                    <StageBadge stage={row.stage} />
                  </td>
                  <td>{formatDateTime(row.updatedAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore query={mine} />
      {mine.isError && <ErrorNotice error={mine.error} />}
    </>
  );
}
