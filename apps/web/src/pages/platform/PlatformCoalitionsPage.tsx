import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DemoBadge } from "../../components/DemoBadge";
import { EmptyState, ErrorNotice, Loading } from "../../components/StatusMessages";
import { platformCoalitionPath } from "../../lib/coalition-paths";
import { useAccountTRPC } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { CreateCoalitionForm } from "./CreateCoalitionForm";

/** Every coalition on the platform, and creating a new one. */
export function PlatformCoalitionsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("platform.title"));
  const trpc = useAccountTRPC();
  const list = useQuery(trpc.coalitions.list.queryOptions());
  return (
    <>
      <h1>{t("platform.title")}</h1>
      <p className="lead">{t("platform.lead")}</p>
      <section className="section" aria-labelledby="platform-coalitions">
        <h2 id="platform-coalitions">{t("platform.listHeading")}</h2>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.length === 0 ? (
          <EmptyState title={t("platform.empty")} />
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("platform.listHeading")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("platform.name")}</th>
                  <th scope="col">{t("platform.slug")}</th>
                  <th scope="col">{t("platform.members")}</th>
                  <th scope="col">{t("platform.sharing")}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={platformCoalitionPath(c.id)}>{c.name}</Link> {c.isDemo && <DemoBadge />}
                    </th>
                    <td>{c.slug}</td>
                    <td>{c.members}</td>
                    <td>{c.shareResults ? t("common.yes") : t("common.no")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <CreateCoalitionForm />
    </>
  );
}
