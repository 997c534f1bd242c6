import { can } from "@ciar/domain/permissions";
import { isEditable, type AssessmentStatus } from "@ciar/domain/progress/assessment-workflow";
import { scoreAssessment } from "@ciar/domain/progress/scoring";
import { useIsMutating, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { AnswersReadOnly } from "../../components/progress/AnswersReadOnly";
import { AssessmentHistory } from "../../components/progress/AssessmentHistory";
import { AssessmentStatusBadge } from "../../components/progress/AssessmentStatusBadge";
import { ScoreSummary } from "../../components/progress/ScoreSummary";
import { DemoBadge } from "../../components/DemoBadge";
import { ErrorNotice, Loading } from "../../components/StatusMessages";
import { communeLabel, useCommune } from "../../lib/commune";
import { communePath } from "../../lib/commune-paths";
import { localized } from "../../lib/localized";
import { useProgressLabels } from "../../lib/progress-labels";
import { useCommuneTRPC, type RouterOutputs } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useLocale } from "../../lib/use-locale";
import { AssessmentEditor } from "./AssessmentEditor";

export type AssessmentDetail = RouterOutputs["assessments"]["get"];

/** /c/:cut/autoevaluaciones/:id: the form while the commune holds it, a read-only view after. */
export function AssessmentPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const commune = useCommune();
  const locale = useLocale();
  const labels = useProgressLabels();
  const trpc = useCommuneTRPC();
  const detail = useQuery(trpc.assessments.get.queryOptions({ id }));
  const savesInFlight = useSavesInFlight(id);
  // A reload (after a conflict) builds the form again from the server's latest answers.
  const [generation, setGeneration] = useState(0);
  const period = detail.data ? labels.period(detail.data.assessment.period) : "";
  useDocumentTitle(`${t("assessments.titleOf", { period })} · ${communeLabel(commune)}`);

  if (detail.isPending) return <Loading />;
  if (detail.isError) return <ErrorNotice error={detail.error} onRetry={() => void detail.refetch()} />;
  const data = detail.data;
  const { assessment } = data;
  const editable =
    isEditable(assessment.status as AssessmentStatus) && can(commune.role, "assessments.write");
  const reload = async () => {
    await detail.refetch();
    setGeneration((g) => g + 1);
  };

  return (
    <article className="assessment">
      <p>
        <Link to={communePath(commune.code, "autoevaluaciones")}>{t("assessments.back")}</Link>
      </p>
      <header className="section">
        <h1>{t("assessments.titleOf", { period })}</h1>
        <p className="badges">
          <AssessmentStatusBadge status={assessment.status} />
          {assessment.isDemo && <DemoBadge />}
        </p>
        <p className="muted">
          {t("assessments.frameworkVersion", {
            title: localized(data.framework.definition.title, locale),
            version: data.framework.version,
          })}
        </p>
      </header>
      <StatusNotice detail={data} editable={editable} />
      {editable && savesInFlight ? (
        <Loading />
      ) : editable ? (
        <AssessmentEditor
          key={`${assessment.id}:${generation}`}
          detail={data}
          onReload={() => void reload()}
        />
      ) : (
        <ReadOnlyAssessment detail={data} />
      )}
      <AssessmentHistory events={data.events} />
    </article>
  );
}

/**
 * Whether a save of this assessment sent by a form that has since closed is still on its way
 * (the form sends what was pending when it closes). The form waits for it before it opens:
 * started from the answers and version the cache has once it is saved, not from older ones.
 * Checked only until the form first opens: its own saves must not close it.
 */
function useSavesInFlight(id: string): boolean {
  const trpc = useCommuneTRPC();
  const inFlight =
    useIsMutating({
      mutationKey: trpc.assessments.saveAnswers.mutationKey(),
      predicate: (mutation) => (mutation.state.variables as { id?: string } | undefined)?.id === id,
    }) > 0;
  const [openedFor, setOpenedFor] = useState<string | null>(null);
  if (!inFlight && openedFor !== id) setOpenedFor(id);
  return inFlight && openedFor !== id;
}

/** What the status means for the person reading: what to do next, or the coordinator's verdict. */
function StatusNotice({ detail, editable }: { detail: AssessmentDetail; editable: boolean }) {
  const { t } = useTranslation();
  const { assessment } = detail;
  switch (assessment.status) {
    case "returned":
      return (
        <div className="notice notice-warning" role="note">
          <p>
            <strong>{t("assessments.returnedTitle")}</strong>{" "}
            {assessment.reviewComment ?? t("assessments.returnedNoComment")}
          </p>
          <p>{t("assessments.returnedHint")}</p>
        </div>
      );
    case "submitted":
      return <p className="notice">{t("assessments.submittedNotice")}</p>;
    case "validated":
      return (
        <div className="notice notice-success">
          <p>{t("assessments.validatedNotice")}</p>
          {assessment.reviewComment && <p className="prose">{assessment.reviewComment}</p>}
        </div>
      );
    default:
      return editable ? <p className="lead">{t("assessments.draftLead")}</p> : null;
  }
}

function ReadOnlyAssessment({ detail }: { detail: AssessmentDetail }) {
  const { t } = useTranslation();
  const definition = detail.framework.definition;
  const levels = Object.fromEntries(detail.answers.map((a) => [a.questionCode, a.level]));
  return (
    <div className="assessment-layout">
      <div className="assessment-main">
        <AnswersReadOnly
          definition={definition}
          answers={detail.answers}
          questionComments={detail.assessment.status === "returned" ? detail.assessment.questionComments : {}}
        />
      </div>
      <aside className="assessment-aside" aria-label={t("assessments.scores")}>
        <ScoreSummary definition={definition} score={scoreAssessment(definition, levels)} />
      </aside>
    </div>
  );
}
