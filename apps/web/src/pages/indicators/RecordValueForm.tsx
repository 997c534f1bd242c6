import { zIndicatorValue } from "@ciar/domain/progress/indicators";
import { lastPeriods } from "@ciar/domain/progress/periods";
import { zRecordIndicatorValueInput } from "@ciar/domain/schemas/indicators";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { SelectField, TextAreaField, TextField } from "../../components/Field";
import { ErrorNotice } from "../../components/StatusMessages";
import { serverFieldErrors, type FieldErrors } from "../../lib/api-errors";
import { useProgressLabels } from "../../lib/progress-labels";
import { useCommuneTRPC } from "../../lib/trpc";
import { mergeFieldErrors, zodFieldErrors } from "../../lib/validation";
import type { Indicator } from "./IndicatorsPage";

/** Quarters offered: this one and the seven before (values for future quarters are refused). */
const OFFERED_QUARTERS = 8;

const EMPTY = { value: "", source: "", sourceUrl: "", note: "" };

/**
 * Records the commune's value for a quarter (replacing one already recorded), with its source.
 * Checked with the API's schemas first, including the indicator's range (0–100 for a %).
 */
export function RecordValueForm({ indicator }: { indicator: Indicator }) {
  const { t } = useTranslation();
  const labels = useProgressLabels();
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  const periods = lastPeriods(OFFERED_QUARTERS).reverse();
  const [period, setPeriod] = useState(periods[0]!);
  const [form, setForm] = useState(EMPTY);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const record = useMutation(
    trpc.indicators.record.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.indicators.pathFilter());
        await queryClient.invalidateQueries(trpc.progress.pathFilter());
        setForm(EMPTY);
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = form.value.trim() === "" ? Number.NaN : Number(form.value.replace(",", "."));
    const input = {
      indicatorId: indicator.id,
      period,
      value,
      source: form.source,
      sourceUrl: form.sourceUrl.trim() || null,
      note: form.note,
    };
    const parsed = zRecordIndicatorValueInput
      .extend({ value: zIndicatorValue(indicator.unit) })
      .safeParse(input);
    if (!parsed.success)
      return setClientErrors(zodFieldErrors(parsed.error, (key, values) => t(key, values)));
    setClientErrors({});
    record.mutate(parsed.data);
  }

  const errors = mergeFieldErrors(clientErrors, serverFieldErrors(record.error));
  const set = (field: keyof typeof EMPTY) => (e: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [field]: e.target.value }));
  return (
    <section className="section card" aria-labelledby="record-value">
      <h2 id="record-value">{t("indicators.recordHeading")}</h2>
      <form className="form" onSubmit={submit} noValidate>
        <SelectField
          label={t("assessments.period")}
          value={period}
          onChange={(e) => setPeriod(e.target.value)}
        >
          {periods.map((p) => (
            <option key={p} value={p}>
              {labels.period(p)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("indicators.valueIn", { unit: indicator.unit })}
          inputMode="decimal"
          value={form.value}
          onChange={set("value")}
          errors={errors.value}
        />
        <TextField
          label={t("indicators.valueSource")}
          hint={t("indicators.valueSourceHint")}
          value={form.source}
          onChange={set("source")}
          errors={errors.source}
        />
        <TextField
          label={t("indicators.valueSourceUrl")}
          type="url"
          value={form.sourceUrl}
          onChange={set("sourceUrl")}
          errors={errors.sourceUrl}
        />
        <TextAreaField
          label={t("indicators.note")}
          value={form.note}
          onChange={set("note")}
          errors={errors.note}
          rows={2}
        />
        {record.isError && Object.keys(serverFieldErrors(record.error)).length === 0 && (
          <ErrorNotice error={record.error} />
        )}
        <button type="submit" className="button primary" disabled={record.isPending}>
          {record.isPending ? t("common.working") : t("indicators.record")}
        </button>
        <p className="form-note" aria-live="polite">
          {record.isSuccess ? t("indicators.recorded", { period: labels.period(record.data.period) }) : ""}
        </p>
      </form>
    </section>
  );
}
