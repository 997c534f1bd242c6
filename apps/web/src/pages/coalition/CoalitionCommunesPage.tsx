import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DemoBadge } from "../../components/DemoBadge";
import { EmptyState, ErrorNotice, Loading } from "../../components/StatusMessages";
import { useCoalition } from "../../lib/coalition";
import { coalitionCommunePath } from "../../lib/coalition-paths";
import { useProgressLabels } from "../../lib/progress-labels";
import { useAccountTRPC } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { formatNumber, useLocale } from "../../lib/use-locale";
import { SharingToggle } from "./SharingToggle";

/** The coalition's member communes (each links to its profile) and whether they see each other. */
export function CoalitionCommunesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const coalition = useCoalition();
  const labels = useProgressLabels();
  const trpc = useAccountTRPC();
  useDocumentTitle(`${t("coalition.communesTitle")} · ${coalition.name}`);
  const detail = useQuery(trpc.coalitions.get.queryOptions({ coalitionId: coalition.id }));

  if (detail.isPending) return <Loading />;
  if (detail.isError) return <ErrorNotice error={detail.error} onRetry={() => void detail.refetch()} />;
  const { members } = detail.data;
  return (
    <>
      <h1>{t("coalition.communesTitle")}</h1>
      <SharingToggle shareResults={detail.data.coalition.shareResults} />
      <section className="section" aria-labelledby="coalition-members">
        <h2 id="coalition-members">{t("coalition.membersHeading", { count: members.length })}</h2>
        {members.length === 0 ? (
          <EmptyState title={t("coalition.noMembers")} />
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("coalition.membersCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("review.commune")}</th>
                  <th scope="col">{t("coalition.cut")}</th>
                  <th scope="col">{t("review.region")}</th>
                  <th scope="col">{t("coalition.population")}</th>
                  <th scope="col">{t("coalition.band")}</th>
                  <th scope="col">{t("coalition.platformStatus")}</th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">
                      <Link to={coalitionCommunePath(coalition.slug, m.id)}>{m.name}</Link>{" "}
                      {m.isDemo && <DemoBadge />}
                    </th>
                    <td>{m.code}</td>
                    <td>{m.region}</td>
                    <td>
                      {m.population === null
                        ? "—"
                        : t("coalition.populationOf", {
                            population: formatNumber(m.population, locale),
                            year: m.populationYear ?? "—",
                          })}
                    </td>
                    <td>{labels.band(m.band)}</td>
                    <td>{t(m.status === "active" ? "coalition.active" : "coalition.notActive")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
