import { PLAN_INTERVALS, QUOTA_POLICIES, zAddPlanInput } from "@ciar/domain/schemas/modules";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "../../../components/Field";
import { ErrorNotice } from "../../../components/StatusMessages";
import { serverFieldErrors, type FieldErrors } from "../../../lib/api-errors";
import { useCommuneTRPC } from "../../../lib/trpc";
import { mergeFieldErrors, zodFieldErrors } from "../../../lib/validation";
import type { ProviderPlan } from "./module-form";
import {
  changedPlanFields,
  emptyPlanForm,
  planFormFrom,
  planValues,
  type PlanForm as Form,
} from "./plan-form";
import { PlanPricePreview } from "./PlanPricePreview";
import { useModulesBusy, useProviderModulesCache } from "./use-provider-modules";

/** A plan's terms, checked whole whether adding or editing (an edit then sends only what changed). */
const zPlanTerms = zAddPlanInput.omit({ moduleId: true });

interface Props {
  moduleId: string;
  usageUnit: string;
  /** The plan being edited, or null to add one. */
  plan: ProviderPlan | null;
  onDone: () => void;
}

/**
 * Adds a plan, or edits the one given (its heading takes focus so the switch is noticed). Amounts
 * are whole pesos net of IVA, sent as typed: never scaled.
 */
export function PlanForm({ moduleId, usageUnit, plan, onDone }: Props) {
  const { t } = useTranslation();
  const trpc = useCommuneTRPC();
  const cache = useProviderModulesCache();
  const busy = useModulesBusy();
  const heading = useRef<HTMLHeadingElement>(null);
  const [form, setForm] = useState<Form>(() => (plan ? planFormFrom(plan) : emptyPlanForm()));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const onSuccess = async () => {
    setForm(emptyPlanForm());
    onDone();
    await cache.invalidate();
  };
  const add = useMutation(trpc.modules.addPlan.mutationOptions({ onSuccess }));
  const edit = useMutation(trpc.modules.updatePlan.mutationOptions({ onSuccess }));
  const mutation = plan ? edit : add;

  useEffect(() => {
    if (plan) heading.current?.focus();
  }, [plan]);

  const update = (patch: Partial<Form>) => setForm((current) => ({ ...current, ...patch }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const { values, empty, malformed } = planValues(form);
    const own: FieldErrors = {};
    for (const key of empty) own[key] = [t("validation.required")];
    for (const key of malformed) own[key] = [t("moduleEditor.wholeNumber")];
    const terms = zPlanTerms.safeParse(values);
    const schemaErrors = terms.success ? {} : zodFieldErrors(terms.error, (key, v) => t(key, v));
    // Our own words for empty or malformed amounts replace the schema's generic "check this value".
    const errors = { ...schemaErrors, ...own };
    setClientErrors(errors);
    if (!terms.success || Object.keys(errors).length > 0) return;
    if (plan) edit.mutate({ id: plan.id, ...changedPlanFields(plan, terms.data) });
    else add.mutate({ moduleId, ...terms.data });
  }

  const errors = mergeFieldErrors(clientErrors, serverFieldErrors(mutation.error));
  const title = plan
    ? t("moduleEditor.editPlanHeading", { plan: plan.name })
    : t("moduleEditor.addPlanHeading");
  return (
    <section className="section card" aria-labelledby="plan-form">
      <h3 id="plan-form" ref={heading} tabIndex={-1}>
        {title}
      </h3>
      {plan && <p className="field-hint">{t("moduleEditor.termsHint")}</p>}
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          label={t("moduleEditor.planName")}
          value={form.name}
          onChange={(e) => update({ name: e.target.value })}
          errors={errors.name}
          maxLength={120}
        />
        <SelectField
          label={t("moduleEditor.interval")}
          value={form.interval}
          onChange={(e) => update({ interval: e.target.value as Form["interval"] })}
          errors={errors.interval}
        >
          {PLAN_INTERVALS.map((interval) => (
            <option key={interval} value={interval}>
              {t(`moduleEditor.intervals.${interval}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("moduleEditor.priceClp")}
          hint={t("moduleEditor.priceHint")}
          inputMode="numeric"
          value={form.priceClp}
          onChange={(e) => update({ priceClp: e.target.value })}
          errors={errors.priceClp}
        />
        <TextField
          label={t("moduleEditor.includedUnits")}
          hint={t("moduleEditor.includedUnitsHint", { unit: usageUnit })}
          inputMode="numeric"
          value={form.includedUnits}
          onChange={(e) => update({ includedUnits: e.target.value })}
          errors={errors.includedUnits}
        />
        <SelectField
          label={t("moduleEditor.quotaPolicy")}
          value={form.quotaPolicy}
          onChange={(e) => update({ quotaPolicy: e.target.value as Form["quotaPolicy"] })}
          errors={errors.quotaPolicy}
        >
          {QUOTA_POLICIES.map((policy) => (
            <option key={policy} value={policy}>
              {t(`moduleEditor.quotaPolicies.${policy}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("moduleEditor.overageUnitPriceClp")}
          hint={t("moduleEditor.overageHint", { unit: usageUnit })}
          inputMode="numeric"
          value={form.overageUnitPriceClp}
          onChange={(e) => update({ overageUnitPriceClp: e.target.value })}
          errors={errors.overageUnitPriceClp}
        />
        <PlanPricePreview form={form} />
        {mutation.error && Object.keys(serverFieldErrors(mutation.error)).length === 0 ? (
          <ErrorNotice error={mutation.error} />
        ) : null}
        <div className="button-row">
          <button type="submit" className="button primary" disabled={busy}>
            {mutation.isPending
              ? t("common.working")
              : plan
                ? t("moduleEditor.savePlan")
                : t("moduleEditor.addPlan")}
          </button>
          {plan && (
            <button type="button" className="button secondary" onClick={onDone} disabled={mutation.isPending}>
              {t("common.cancel")}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
