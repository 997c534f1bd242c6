import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { DemoBadge } from "../../components/DemoBadge";
import { ErrorNotice, Loading } from "../../components/StatusMessages";
import { PLATFORM_COALITIONS_PATH } from "../../lib/coalition-paths";
import { useAccountTRPC, type RouterOutputs } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { CoalitionCoordinators } from "./CoalitionCoordinators";
import { CoalitionMembers } from "./CoalitionMembers";

export type CoalitionDetail = RouterOutputs["coalitions"]["detail"];

/** One coalition for a platform admin: who belongs to it and who coordinates it. */
export function PlatformCoalitionPage() {
  const { t } = useTranslation();
  const { coalitionId = "" } = useParams();
  const trpc = useAccountTRPC();
  const detail = useQuery(trpc.coalitions.detail.queryOptions({ coalitionId }));
  useDocumentTitle(detail.data?.coalition.name ?? t("platform.title"));

  if (detail.isPending) return <Loading />;
  if (detail.isError) return <ErrorNotice error={detail.error} onRetry={() => void detail.refetch()} />;
  const { coalition } = detail.data;
  return (
    <>
      <p>
        <Link to={PLATFORM_COALITIONS_PATH}>{t("platform.back")}</Link>
      </p>
      <h1>
        {coalition.name} {coalition.isDemo && <DemoBadge />}
      </h1>
      <dl className="facts">
        <dt>{t("platform.slug")}</dt>
        <dd>{coalition.slug}</dd>
        <dt>{t("platform.sharing")}</dt>
        <dd>{coalition.shareResults ? t("sharing.on") : t("sharing.off")}</dd>
        {coalition.description && (
          <>
            <dt>{t("platform.description")}</dt>
            <dd className="prose">{coalition.description}</dd>
          </>
        )}
        {coalition.sourceUrl && (
          <>
            <dt>{t("platform.sourceUrl")}</dt>
            <dd>
              <a href={coalition.sourceUrl} target="_blank" rel="noreferrer">
                {coalition.sourceUrl}
              </a>
            </dd>
          </>
        )}
      </dl>
      <CoalitionMembers detail={detail.data} />
      <CoalitionCoordinators detail={detail.data} />
    </>
  );
}
