import { can } from "@ciar/domain/permissions";
import { missingQuestions, scoreAssessment } from "@ciar/domain/progress/scoring";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ScoreSummary } from "../../components/progress/ScoreSummary";
import type { FieldErrors } from "../../lib/api-errors";
import { useCommune } from "../../lib/commune";
import { localized } from "../../lib/localized";
import { useCommuneTRPC } from "../../lib/trpc";
import { useLocale } from "../../lib/use-locale";
import { zodFieldErrors } from "../../lib/validation";
import { formFromAnswers, levelsOf, parseAnswer, type AnswerDraft, type AnswersForm } from "./answers-form";
import type { AssessmentDetail } from "./AssessmentPage";
import { AutosaveStatus } from "./AutosaveStatus";
import { QuestionEditor } from "./QuestionEditor";
import { SubmitPanel } from "./SubmitPanel";
import { useAutosaveAnswers } from "./use-autosave-answers";

/**
 * The form of a draft or returned assessment. It starts from the server's answers once (a
 * reload after a conflict mounts a new one) and autosaves each change; the score preview is
 * computed here with the same function the server uses when the assessment is submitted.
 */
export function AssessmentEditor({ detail, onReload }: { detail: AssessmentDetail; onReload: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const commune = useCommune();
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  const { assessment, framework } = detail;
  const definition = framework.definition;
  const [form, setForm] = useState<AnswersForm>(() => formFromAnswers(definition, detail.answers));
  const autosave = useAutosaveAnswers(assessment.id, assessment.version, form);
  const submit = useMutation(
    trpc.assessments.submit.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.assessments.pathFilter()),
    }),
  );

  // Reloading replaces this form with the server's answers: what is pending here is dropped
  // rather than sent when the form closes (it could only conflict, or overwrite the newer answers).
  const reload = () => {
    autosave.discard();
    onReload();
  };

  const update = (code: string, patch: Partial<AnswerDraft>) => {
    setForm((current) => ({ ...current, [code]: { ...current[code]!, ...patch } }));
    autosave.markChanged(code);
  };

  const score = useMemo(() => scoreAssessment(definition, levelsOf(form)), [definition, form]);
  const missing = useMemo(() => missingQuestions(definition, levelsOf(form)), [definition, form]);
  const errorsByCode = useMemo(() => {
    const result: Record<string, FieldErrors> = {};
    for (const [code, draft] of Object.entries(form)) {
      const parsed = parseAnswer(code, draft);
      if (!parsed.ok) result[code] = zodFieldErrors(parsed.error, (key, values) => t(key, values));
    }
    return result;
  }, [form, t]);
  const invalidCodes = autosave.pendingCodes.filter((code) => errorsByCode[code]);
  const blocked = autosave.status.state === "conflict" || autosave.status.state === "locked";
  const questionComments = assessment.status === "returned" ? assessment.questionComments : {};

  return (
    <div className="assessment-layout">
      <div className="assessment-main">
        {definition.dimensions.map((dimension) => (
          <section key={dimension.code} className="section" aria-labelledby={`dim-${dimension.code}`}>
            <h2 id={`dim-${dimension.code}`}>{localized(dimension.title, locale)}</h2>
            <p className="muted">{localized(dimension.description, locale)}</p>
            <ol className="question-list">
              {dimension.questions.map((question) => (
                <QuestionEditor
                  key={question.code}
                  question={question}
                  scale={definition.scale}
                  sources={definition.sources}
                  answer={form[question.code]!}
                  errors={errorsByCode[question.code] ?? {}}
                  reviewerComment={questionComments[question.code]}
                  onChange={(patch) => update(question.code, patch)}
                />
              ))}
            </ol>
          </section>
        ))}
      </div>
      <aside className="assessment-aside" aria-label={t("assessments.asideLabel")}>
        <AutosaveStatus
          status={autosave.status}
          pendingCodes={autosave.pendingCodes}
          invalidCodes={invalidCodes}
          onRetry={autosave.retry}
          onReload={reload}
        />
        <ScoreSummary definition={definition} score={score} live />
        <SubmitPanel
          maySubmit={can(commune.role, "assessments.submit")}
          missingCodes={missing}
          unsaved={autosave.pendingCodes.length > 0 || autosave.saving}
          invalidCodes={invalidCodes}
          blocked={blocked}
          resubmission={assessment.status === "returned"}
          pending={submit.isPending}
          error={submit.error}
          onReload={reload}
          onSubmit={() => submit.mutate({ id: assessment.id, expectedVersion: autosave.version() })}
        />
      </aside>
    </div>
  );
}
