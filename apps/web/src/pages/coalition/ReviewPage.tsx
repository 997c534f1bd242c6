import { scoreAssessment } from "@ciar/domain/progress/scoring";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { TextAreaField } from "../../components/Field";
import { AnswersReadOnly } from "../../components/progress/AnswersReadOnly";
import { AssessmentHistory } from "../../components/progress/AssessmentHistory";
import { AssessmentStatusBadge } from "../../components/progress/AssessmentStatusBadge";
import { ScoreSummary } from "../../components/progress/ScoreSummary";
import { DemoBadge } from "../../components/DemoBadge";
import { ErrorNotice, Loading } from "../../components/StatusMessages";
import { useCoalition } from "../../lib/coalition";
import { coalitionCommunePath, coalitionPath } from "../../lib/coalition-paths";
import { useProgressLabels } from "../../lib/progress-labels";
import { useAccountTRPC } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { ReviewDecisionForm } from "./ReviewDecisionForm";

/**
 * A commune's submitted assessment as the coordination reviews it: every answer with its
 * evidence, a comment field under each question, and the decision (return or validate).
 */
export function ReviewPage() {
  const { t } = useTranslation();
  const { assessmentId = "" } = useParams();
  const coalition = useCoalition();
  const labels = useProgressLabels();
  const trpc = useAccountTRPC();
  const detail = useQuery(
    trpc.assessmentReview.get.queryOptions({ coalitionId: coalition.id, assessmentId }),
  );
  const [questionComments, setQuestionComments] = useState<Record<string, string>>({});
  const title = detail.data
    ? t("review.titleOf", {
        commune: detail.data.commune.name,
        period: labels.period(detail.data.assessment.period),
      })
    : t("review.title");
  useDocumentTitle(title);

  if (detail.isPending) return <Loading />;
  if (detail.isError) return <ErrorNotice error={detail.error} onRetry={() => void detail.refetch()} />;
  const { assessment, commune, framework, answers, events } = detail.data;
  const definition = framework.definition;
  const reviewing = assessment.status === "submitted";
  const levels = Object.fromEntries(answers.map((a) => [a.questionCode, a.level]));

  return (
    <article className="assessment">
      <p>
        <Link to={coalitionPath(coalition.slug, "revisiones")}>{t("review.back")}</Link>
      </p>
      <header className="section">
        <h1>{title}</h1>
        <p className="badges">
          <AssessmentStatusBadge status={assessment.status} />
          {assessment.isDemo && <DemoBadge />}
        </p>
        <p>
          <Link to={coalitionCommunePath(coalition.slug, commune.id)}>
            {t("review.profileLink", { commune: commune.name })}
          </Link>
        </p>
      </header>
      {!reviewing && (
        <p className={assessment.status === "validated" ? "notice notice-success" : "notice"} role="status">
          {assessment.status === "validated"
            ? t("review.validatedNotice")
            : assessment.status === "returned"
              ? t("review.returnedNotice")
              : t("review.notSubmittedNotice")}
        </p>
      )}
      <div className="assessment-layout">
        <div className="assessment-main">
          <AnswersReadOnly
            definition={definition}
            answers={answers}
            questionComments={reviewing ? {} : assessment.questionComments}
            renderExtra={
              reviewing
                ? (question) => (
                    <TextAreaField
                      label={t("review.questionCommentOf", { code: question.code })}
                      hint={t("review.questionCommentHint")}
                      value={questionComments[question.code] ?? ""}
                      onChange={(e) =>
                        setQuestionComments((current) => ({ ...current, [question.code]: e.target.value }))
                      }
                      rows={2}
                    />
                  )
                : undefined
            }
          />
        </div>
        <aside className="assessment-aside" aria-label={t("review.decisionHeading")}>
          <ScoreSummary definition={definition} score={scoreAssessment(definition, levels)} />
          {reviewing && (
            <ReviewDecisionForm assessmentId={assessment.id} questionComments={questionComments} />
          )}
        </aside>
      </div>
      <AssessmentHistory events={events} />
    </article>
  );
}
