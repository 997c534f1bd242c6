import { TWO_STEP_POLICIES, type TwoStepPolicy } from "@ciar/domain/schemas/two-step";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { SelectField } from "../../components/Field";
import { ErrorNotice } from "../../components/StatusMessages";
import { useCommuneTRPC } from "../../lib/trpc";

/** Who must use two-step verification in the commune (admins only). Audited in the commune's log. */
export function TwoStepPolicySetting({ current }: { current: TwoStepPolicy }) {
  const { t } = useTranslation();
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  const [policy, setPolicy] = useState<TwoStepPolicy>(current);
  const save = useMutation(
    trpc.communes.setTwoStepPolicy.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.communes.get.queryKey() }),
    }),
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ policy });
  }
  return (
    <section className="card" aria-labelledby="two-step-policy-heading">
      <h2 id="two-step-policy-heading">{t("twoStep.policy.heading")}</h2>
      <form className="form" onSubmit={submit} noValidate>
        <SelectField
          label={t("twoStep.policy.label")}
          hint={t("twoStep.policy.hint")}
          value={policy}
          onChange={(e) => setPolicy(e.target.value as TwoStepPolicy)}
        >
          {TWO_STEP_POLICIES.map((p) => (
            <option key={p} value={p}>
              {t(`twoStep.policy.options.${p}`)}
            </option>
          ))}
        </SelectField>
        {save.error ? <ErrorNotice error={save.error} /> : null}
        <button type="submit" className="button primary" disabled={save.isPending || policy === current}>
          {t("twoStep.policy.save")}
        </button>
        <span className="row-status" aria-live="polite">
          {save.isSuccess ? t("twoStep.policy.saved") : ""}
        </span>
      </form>
    </section>
  );
}
