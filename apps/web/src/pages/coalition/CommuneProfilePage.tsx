import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { DimensionComparison } from "../../components/progress/DimensionComparison";
import { MilestonesTable } from "../../components/progress/MilestonesTable";
import { PrintButton } from "../../components/progress/PrintButton";
import { TrendFigure } from "../../components/progress/TrendFigure";
import { AssessmentStatusBadge } from "../../components/progress/AssessmentStatusBadge";
import { EmptyState, ErrorNotice, Loading } from "../../components/StatusMessages";
import { useCoalition } from "../../lib/coalition";
import { coalitionPath } from "../../lib/coalition-paths";
import { formatScore } from "../../lib/format-score";
import { localized } from "../../lib/localized";
import { useProgressLabels } from "../../lib/progress-labels";
import { useAccountTRPC, type RouterOutputs } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { formatNumber, useLocale } from "../../lib/use-locale";
import { IndicatorValuesTable } from "./IndicatorValuesTable";
import { PairingSection } from "./PairingSection";
import { SharedUseCases } from "./SharedUseCases";

type CommuneProfile = RouterOutputs["progress"]["communeProfile"];

/**
 * One member commune for its coordinator, printable: its latest counted assessment against the
 * coalition's median by dimension, its index over time against the coalition's quartiles, its
 * history, roadmap, indicators and shared use cases, and whom it could learn from.
 */
export function CommuneProfilePage() {
  const { t } = useTranslation();
  const { communeId = "" } = useParams();
  const coalition = useCoalition();
  const trpc = useAccountTRPC();
  const profile = useQuery(
    trpc.progress.communeProfile.queryOptions({ coalitionId: coalition.id, communeId }),
  );
  const name = profile.data?.commune.name ?? t("profile.title");
  useDocumentTitle(`${name} · ${coalition.name}`);

  if (profile.isPending) return <Loading />;
  if (profile.isError) return <ErrorNotice error={profile.error} onRetry={() => void profile.refetch()} />;
  return <Profile profile={profile.data} />;
}

function Profile({ profile }: { profile: CommuneProfile }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const coalition = useCoalition();
  const labels = useProgressLabels();
  const trpc = useAccountTRPC();
  const { commune, history } = profile;
  const latest = history[history.length - 1] ?? null;
  // The dimension medians of the latest quarter come from the coalition's overview of it.
  const overview = useQuery({
    ...trpc.progress.overview.queryOptions({ coalitionId: coalition.id, period: latest?.period }),
    enabled: latest !== null,
  });
  const dimensions = overview.data?.dimensions ?? [];
  const dimensionTitle = (code: string) => {
    const d = dimensions.find((x) => x.code === code);
    return d ? localized(d.title, locale) : code;
  };
  const format = (v: number) => formatScore(v, locale);
  const statsByPeriod = new Map(profile.groupStats.map((s) => [s.period, s]));
  const periods = [
    ...new Set([...profile.groupStats.map((s) => s.period), ...history.map((h) => h.period)]),
  ].sort();
  const ownByPeriod = new Map(history.map((h) => [h.period, h.maturityIndex]));

  return (
    <article className="profile printable">
      <p className="no-print">
        <Link to={coalitionPath(coalition.slug)}>{t("profile.back")}</Link>
      </p>
      <header className="section">
        <h1>{commune.name}</h1>
        <p className="muted">
          {t("profile.meta", {
            region: commune.region,
            cut: commune.code,
            population: commune.population === null ? "—" : formatNumber(commune.population, locale),
            band: labels.band(commune.band),
          })}
        </p>
        <p className="muted print-only">{t("profile.printedFrom", { coalition: coalition.name })}</p>
        <PrintButton />
      </header>

      <section className="section" aria-labelledby="profile-dimensions">
        <h2 id="profile-dimensions">{t("profile.dimensions")}</h2>
        {!latest ? (
          <EmptyState title={t("profile.noCounted")} />
        ) : overview.isPending ? (
          <Loading />
        ) : overview.isError ? (
          <ErrorNotice error={overview.error} onRetry={() => void overview.refetch()} />
        ) : (
          <DimensionComparison
            title={t("profile.dimensionsChart", { period: labels.period(latest.period) })}
            dimensions={dimensions}
            own={latest.scores}
            ownLabel={commune.name}
            stats={Object.fromEntries(
              Object.entries(overview.data.summary.dimensions).map(([code, s]) => [
                code,
                s.suppressed ? { n: s.n, p25: null, median: null, p75: null } : s,
              ]),
            )}
          />
        )}
      </section>

      <section className="section" aria-labelledby="profile-trend">
        <h2 id="profile-trend">{t("profile.trend")}</h2>
        {periods.length === 0 ? (
          <p className="muted">{t("charts.noData")}</p>
        ) : (
          <TrendFigure
            title={t("profile.trendChart")}
            points={periods.map((period) => ({
              period,
              own: ownByPeriod.get(period) ?? null,
              stat: statsByPeriod.get(period) ?? null,
            }))}
            ownLabel={commune.name}
            format={format}
            yDomain={[0, 100]}
          />
        )}
      </section>

      <section className="section" aria-labelledby="profile-history">
        <h2 id="profile-history">{t("profile.history")}</h2>
        {history.length === 0 ? (
          <p className="muted">{t("profile.noCounted")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("profile.history")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("assessments.period")}</th>
                  <th scope="col">{t("assessments.status")}</th>
                  <th scope="col">{t("assessments.index")}</th>
                </tr>
              </thead>
              <tbody>
                {[...history].reverse().map((h) => (
                  <tr key={h.period}>
                    <th scope="row">{labels.period(h.period)}</th>
                    <td>
                      <AssessmentStatusBadge status={h.status} />
                    </td>
                    <td>{h.maturityIndex === null ? "—" : format(h.maturityIndex)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="section" aria-labelledby="profile-milestones">
        <h2 id="profile-milestones">{t("profile.milestones")}</h2>
        {profile.milestones.length === 0 ? (
          <p className="muted">{t("roadmap.empty")}</p>
        ) : (
          <MilestonesTable
            milestones={profile.milestones}
            dimensionTitle={dimensionTitle}
            caption={t("profile.milestones")}
          />
        )}
      </section>

      <IndicatorValuesTable indicators={profile.indicators} />
      <SharedUseCases useCases={profile.useCases} />
      <PairingSection communeId={commune.id} dimensionTitle={dimensionTitle} />
    </article>
  );
}
