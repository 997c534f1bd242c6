import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { AssessmentStatusBadge } from "../../components/progress/AssessmentStatusBadge";
import { useCoalition } from "../../lib/coalition";
import { coalitionCommunePath } from "../../lib/coalition-paths";
import { formatScore } from "../../lib/format-score";
import { useProgressLabels } from "../../lib/progress-labels";
import { useLocale } from "../../lib/use-locale";
import type { Overview } from "./CoalitionOverviewPage";

type Commune = Overview["communes"][number];
type SortKey = "rank" | "name" | "useCases" | "adoptionsGiven" | "adoptionsReceived";

const totalUseCases = (c: Commune) => Object.values(c.useCasesByStage).reduce((sum, n) => sum + n, 0);

/** Communes without a result go last whatever the direction: "no data" is not a low score. */
function compare(key: SortKey, a: Commune, b: Commune): number {
  switch (key) {
    case "rank":
      return (a.rank ?? Infinity) - (b.rank ?? Infinity);
    case "name":
      return a.name.localeCompare(b.name, "es");
    case "useCases":
      return totalUseCases(b) - totalUseCases(a);
    case "adoptionsGiven":
      return b.adoptionsGiven - a.adoptionsGiven;
    case "adoptionsReceived":
      return b.adoptionsReceived - a.adoptionsReceived;
  }
}

/** Members by maturity index (rank 1 is the highest), sortable by the other columns too. */
export function RankingTable({ overview }: { overview: Overview }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const coalition = useCoalition();
  const labels = useProgressLabels();
  const [sort, setSort] = useState<{ key: SortKey; reversed: boolean }>({ key: "rank", reversed: false });
  const rows = [...overview.communes].sort((a, b) => {
    const order = compare(sort.key, a, b);
    return sort.reversed ? -order : order;
  });
  const header = (key: SortKey, label: string) => {
    const active = sort.key === key;
    const ascending = key === "rank" || key === "name" ? !sort.reversed : sort.reversed;
    return (
      <th scope="col" aria-sort={active ? (ascending ? "ascending" : "descending") : undefined}>
        <button
          type="button"
          className="sort-button"
          onClick={() => setSort({ key, reversed: active ? !sort.reversed : false })}
        >
          {label}
          <span aria-hidden="true">{active ? (ascending ? " ▲" : " ▼") : ""}</span>
        </button>
      </th>
    );
  };
  return (
    <section className="section" aria-labelledby="overview-ranking">
      <h2 id="overview-ranking">{t("overview.ranking")}</h2>
      <p className="field-hint">{t("overview.rankingHint")}</p>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t("overview.rankingCaption")}</caption>
          <thead>
            <tr>
              {header("rank", t("overview.rank"))}
              {header("name", t("review.commune"))}
              <th scope="col">{t("review.region")}</th>
              <th scope="col">{t("coalition.band")}</th>
              <th scope="col">{t("assessments.status")}</th>
              <th scope="col">{t("assessments.index")}</th>
              {header("useCases", t("overview.useCases"))}
              {header("adoptionsGiven", t("overview.adoptionsGiven"))}
              {header("adoptionsReceived", t("overview.adoptionsReceived"))}
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id}>
                <td>{c.rank ?? "—"}</td>
                <th scope="row">
                  <Link to={coalitionCommunePath(coalition.slug, c.id)}>{c.name}</Link>
                </th>
                <td>{c.region}</td>
                <td>{labels.band(c.band)}</td>
                <td>
                  {c.assessmentStatus ? (
                    <AssessmentStatusBadge status={c.assessmentStatus} />
                  ) : (
                    <span className="muted">{t("overview.notCounted")}</span>
                  )}
                </td>
                <td>{c.maturityIndex === null ? "—" : formatScore(c.maturityIndex, locale)}</td>
                <td>{totalUseCases(c)}</td>
                <td>{c.adoptionsGiven}</td>
                <td>{c.adoptionsReceived}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
