import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { SelectField } from "../../components/Field";
import { ErrorNotice, Loading } from "../../components/StatusMessages";
import { useCommuneTRPC } from "../../lib/trpc";

/** Switching a Stripe subscription to another of the module's plans (Stripe prorates it). */
export function ChangePlanForm({
  subscriptionId,
  moduleSlug,
  currentPlanId,
}: {
  subscriptionId: string;
  moduleSlug: string;
  currentPlanId: string;
}) {
  const { t } = useTranslation();
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  const module = useQuery(trpc.modules.get.queryOptions({ slug: moduleSlug }));
  const [planId, setPlanId] = useState("");
  // The plan shown changes when Stripe's webhook confirms it; until then, say it is on its way.
  const [requested, setRequested] = useState<{ id: string; name: string } | null>(null);
  const change = useMutation(
    trpc.billing.changePlan.mutationOptions({
      onSuccess: (_data, input) => {
        const plan = module.data?.plans.find((p) => p.id === input.planId);
        setRequested(plan ? { id: plan.id, name: plan.name } : null);
        setPlanId("");
        void queryClient.invalidateQueries({ queryKey: trpc.subscriptions.mine.queryKey() });
      },
    }),
  );
  if (module.isPending) return <Loading />;
  if (module.isError) return <ErrorNotice error={module.error} onRetry={() => void module.refetch()} />;
  const others = module.data.plans.filter((p) => p.id !== currentPlanId);
  if (others.length === 0) return null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (planId) change.mutate({ subscriptionId, planId });
  }

  return (
    <form className="form inline-form" onSubmit={submit}>
      <SelectField
        label={t("subscriptions.changePlan")}
        value={planId}
        onChange={(e) => setPlanId(e.target.value)}
      >
        <option value="">{t("subscriptions.choosePlan")}</option>
        {others.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button secondary" disabled={!planId || change.isPending}>
        {change.isPending ? t("common.working") : t("subscriptions.changePlanSubmit")}
      </button>
      {change.error ? <ErrorNotice error={change.error} /> : null}
      {requested && requested.id !== currentPlanId ? (
        <p className="notice notice-success" role="status">
          {t("subscriptions.changePlanRequested", { plan: requested.name })}
        </p>
      ) : null}
    </form>
  );
}
