import type { FrameworkDefinition, FrameworkQuestion } from "@ciar/domain/progress/framework";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { localized } from "../../lib/localized";
import type { RouterOutputs } from "../../lib/trpc";
import { useLocale } from "../../lib/use-locale";
import { QuestionSources } from "./QuestionSources";
import { ReviewerComment } from "./ReviewerComment";

type Answer = RouterOutputs["assessments"]["get"]["answers"][number];

interface Props {
  definition: FrameworkDefinition;
  answers: readonly Answer[];
  /** The coordinator's comments per question from the last return, shown next to each question. */
  questionComments?: Record<string, string>;
  /** Extra content under each question (the review page puts a comment field there). */
  renderExtra?: (question: FrameworkQuestion) => ReactNode;
}

/** An assessment as submitted: per dimension, each question's chosen level with its evidence. */
export function AnswersReadOnly({ definition, answers, questionComments = {}, renderExtra }: Props) {
  const locale = useLocale();
  const byCode = new Map(answers.map((a) => [a.questionCode, a]));
  return (
    <>
      {definition.dimensions.map((dimension) => (
        <section key={dimension.code} className="section" aria-labelledby={`dim-${dimension.code}`}>
          <h2 id={`dim-${dimension.code}`}>{localized(dimension.title, locale)}</h2>
          <ol className="question-list">
            {dimension.questions.map((question) => (
              <li key={question.code} id={`pregunta-${question.code}`} className="question card">
                <AnsweredQuestion
                  question={question}
                  answer={byCode.get(question.code)}
                  sources={definition.sources}
                  reviewerComment={questionComments[question.code]}
                />
                {renderExtra?.(question)}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </>
  );
}

function AnsweredQuestion({
  question,
  answer,
  sources,
  reviewerComment,
}: {
  question: FrameworkQuestion;
  answer: Answer | undefined;
  sources: FrameworkDefinition["sources"];
  reviewerComment: string | undefined;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const level = answer?.level ?? null;
  const descriptor = question.levels.find((l) => l.level === level)?.descriptor;
  return (
    <>
      <h3 className="question-text">
        <span className="question-code">{question.code}</span> {localized(question.text, locale)}
      </h3>
      {reviewerComment && <ReviewerComment comment={reviewerComment} />}
      <dl className="facts">
        <dt>{t("assessments.level")}</dt>
        <dd>
          {level === null ? (
            <span className="muted">{t("assessments.unanswered")}</span>
          ) : (
            <>
              <strong>{t("assessments.levelN", { level })}</strong>
              {descriptor && ` · ${localized(descriptor, locale)}`}
            </>
          )}
        </dd>
        <dt>{t("assessments.evidence")}</dt>
        <dd className="prose">{answer?.evidence || <span className="muted">{t("common.none")}</span>}</dd>
        {answer && answer.evidenceLinks.length > 0 && (
          <>
            <dt>{t("assessments.links")}</dt>
            <dd>
              <ul className="plain-list">
                {answer.evidenceLinks.map((url) => (
                  <li key={url}>
                    <a href={url} target="_blank" rel="noreferrer">
                      {url}
                    </a>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {answer?.comment && (
          <>
            <dt>{t("assessments.comment")}</dt>
            <dd className="prose">{answer.comment}</dd>
          </>
        )}
      </dl>
      <QuestionSources citations={question.sources} sources={sources} />
    </>
  );
}
