import type { FrameworkQuestion, FrameworkSource } from "@ciar/domain/progress/framework";
import { useTranslation } from "react-i18next";
import { TextAreaField } from "../../components/Field";
import { QuestionSources } from "../../components/progress/QuestionSources";
import { ReviewerComment } from "../../components/progress/ReviewerComment";
import type { FieldErrors } from "../../lib/api-errors";
import { localized } from "../../lib/localized";
import { useLocale } from "../../lib/use-locale";
import type { AnswerDraft } from "./answers-form";

interface Props {
  question: FrameworkQuestion;
  scale: readonly { level: number; label: { es: string; en: string } }[];
  sources: readonly FrameworkSource[];
  answer: AnswerDraft;
  errors: FieldErrors;
  reviewerComment: string | undefined;
  onChange: (patch: Partial<AnswerDraft>) => void;
}

/**
 * One question: its five levels as a radio group named by the question (each level with its
 * descriptor, so the choice is made on what the level means, not on a number), then the
 * evidence that backs the choice, links and a comment.
 */
export function QuestionEditor({
  question,
  scale,
  sources,
  answer,
  errors,
  reviewerComment,
  onChange,
}: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const code = question.code;
  const linkErrors = Object.entries(errors)
    .filter(([field]) => field.startsWith("evidenceLinks"))
    .flatMap(([, messages]) => messages);
  return (
    <li id={`pregunta-${code}`} className="question card">
      <fieldset className="level-group">
        <legend className="question-text">
          <span className="question-code">{code}</span> {localized(question.text, locale)}
        </legend>
        {reviewerComment && <ReviewerComment comment={reviewerComment} />}
        {[...question.levels]
          .sort((a, b) => a.level - b.level)
          .map((level) => {
            const label = scale.find((s) => s.level === level.level)?.label;
            return (
              <label key={level.level} className="level-option">
                <input
                  type="radio"
                  name={`nivel-${code}`}
                  value={level.level}
                  checked={answer.level === level.level}
                  onChange={() => onChange({ level: level.level })}
                />
                <span>
                  <span className="level-name">
                    {t("assessments.levelN", { level: level.level })}
                    {label && ` · ${localized(label, locale)}`}
                  </span>{" "}
                  <span className="level-descriptor">{localized(level.descriptor, locale)}</span>
                </span>
              </label>
            );
          })}
      </fieldset>
      <div className="question-fields">
        <TextAreaField
          label={t("assessments.evidenceOf", { code })}
          hint={localized(question.evidence_hint, locale)}
          value={answer.evidence}
          onChange={(e) => onChange({ evidence: e.target.value })}
          errors={errors.evidence}
          rows={3}
        />
        <TextAreaField
          label={t("assessments.linksOf", { code })}
          hint={t("assessments.linksHint")}
          value={answer.links}
          onChange={(e) => onChange({ links: e.target.value })}
          errors={linkErrors.length > 0 ? [...new Set(linkErrors)] : undefined}
          rows={2}
          spellCheck={false}
        />
        <TextAreaField
          label={t("assessments.commentOf", { code })}
          value={answer.comment}
          onChange={(e) => onChange({ comment: e.target.value })}
          errors={errors.comment}
          rows={2}
        />
      </div>
      <QuestionSources citations={question.sources} sources={sources} />
    </li>
  );
}
