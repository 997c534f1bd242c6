import { lastPeriods } from "@ciar/domain/progress/periods";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { SelectField } from "../../components/Field";
import { ErrorNotice } from "../../components/StatusMessages";
import { useCommune } from "../../lib/commune";
import { assessmentPath } from "../../lib/commune-paths";
import { useProgressLabels } from "../../lib/progress-labels";
import { useCommuneTRPC } from "../../lib/trpc";

/** Quarters offered: this one and the three before it (a late assessment is still useful). */
const OFFERED_QUARTERS = 4;

/**
 * Opens a quarter's assessment, by default the current quarter, starting from the previous
 * quarter's answers unless the person unticks it (answers are then chosen again from scratch).
 */
export function StartAssessmentForm({ takenPeriods }: { takenPeriods: readonly string[] }) {
  const { t } = useTranslation();
  const commune = useCommune();
  const labels = useProgressLabels();
  const navigate = useNavigate();
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  const free = lastPeriods(OFFERED_QUARTERS)
    .reverse()
    .filter((p) => !takenPeriods.includes(p));
  const [chosen, setChosen] = useState("");
  // The current quarter by default; a choice taken meanwhile (another tab) falls back to it too.
  const period = free.includes(chosen) ? chosen : (free[0] ?? "");
  const [copyPrevious, setCopyPrevious] = useState(true);
  const start = useMutation(
    trpc.assessments.start.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries(trpc.assessments.pathFilter());
        await navigate(assessmentPath(commune.code, result.assessment.id));
      },
    }),
  );

  if (free.length === 0) return null;
  function submit(event: FormEvent) {
    event.preventDefault();
    start.mutate({ period, copyPrevious });
  }
  return (
    <section className="section card" aria-labelledby="start-assessment">
      <h2 id="start-assessment">{t("assessments.startHeading")}</h2>
      <form className="form inline-form" onSubmit={submit} noValidate>
        <SelectField
          label={t("assessments.period")}
          value={period}
          onChange={(e) => setChosen(e.target.value)}
        >
          {free.map((p) => (
            <option key={p} value={p}>
              {labels.period(p)}
            </option>
          ))}
        </SelectField>
        <div className="checkbox-field">
          <input
            id="copy-previous"
            type="checkbox"
            checked={copyPrevious}
            onChange={(e) => setCopyPrevious(e.target.checked)}
            aria-describedby="copy-previous-hint"
          />
          <label htmlFor="copy-previous">{t("assessments.copyPrevious")}</label>
        </div>
        <p id="copy-previous-hint" className="field-hint form-note">
          {t("assessments.copyPreviousHint")}
        </p>
        <button type="submit" className="button primary" disabled={start.isPending}>
          {start.isPending ? t("common.working") : t("assessments.start")}
        </button>
        {start.isError && <ErrorNotice error={start.error} />}
      </form>
    </section>
  );
}
