import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { StageBadge } from "../../components/StageBadge";
import { ErrorNotice, Loading } from "../../components/StatusMessages";
import { useCommuneTRPC, type RouterOutputs } from "../../lib/trpc";
import { useUseCaseLabels } from "../../lib/use-case-labels";
import { useDocumentTitle } from "../../lib/use-document-title";
import { ContentSections } from "./ContentSections";
import { DiscussionSection } from "./DiscussionSection";
import { KpiSection } from "./KpiSection";
import { LineageSection } from "./LineageSection";
import { ReuseActions } from "./ReuseActions";
import { ReusesSection } from "./ReusesSection";
import { TransparencySection } from "./TransparencySection";
import { VersionsSection } from "./VersionsSection";
import { WorkflowActions } from "./WorkflowActions";

export type UseCase = RouterOutputs["useCases"]["get"];

/** One use case, own or shared by another commune, with everything around it. */
export function UseCasePage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const trpc = useCommuneTRPC();
  const labels = useUseCaseLabels();
  const useCase = useQuery(trpc.useCases.get.queryOptions({ id }));
  useDocumentTitle(useCase.data?.title ?? t("useCase.title"));

  if (useCase.isPending) return <Loading />;
  if (useCase.isError) return <ErrorNotice error={useCase.error} onRetry={() => void useCase.refetch()} />;
  const data = useCase.data;
  return (
    <article className="use-case">
      <header className="use-case-header">
        <h1>{data.title}</h1>
        <p className="card-meta">
          {t("catalog.communeRegion", { commune: data.communeName, region: data.region })}
          {" · "}
          {labels.serviceArea(data.serviceArea)}
        </p>
        <p className="badges">
          <StageBadge stage={data.stage} />
          {data.isDemo && <span className="badge badge-example">{t("useCase.example")}</span>}
          {data.isOwn && <span className="badge">{labels.status(data.status)}</span>}
          {data.isOwn && <span className="badge">{labels.visibility(data.visibility)}</span>}
        </p>
        {data.adoptedFrom && (
          <p>
            {data.adoptedFrom.communeName
              ? t("useCase.adoptedFrom", { commune: data.adoptedFrom.communeName })
              : t("useCase.adoptedFromHidden")}
          </p>
        )}
      </header>
      {data.isOwn ? <WorkflowActions useCase={data} /> : <ReuseActions useCase={data} />}
      <ContentSections useCase={data} />
      <KpiSection kpis={data.kpis} />
      <TransparencySection transparency={data.transparency} />
      <LineageSection id={data.id} />
      <ReusesSection reuses={data.reuses} />
      {data.isOwn && <VersionsSection id={data.id} />}
      <DiscussionSection useCase={data} />
    </article>
  );
}
