import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { useCommuneTRPC } from "../../../lib/trpc";
import type { ProviderModule, ProviderPlan } from "./module-form";
import { PlanForm } from "./PlanForm";
import { PlanItem } from "./PlanItem";
import { useProviderModulesCache } from "./use-provider-modules";

/** The module's plans (active first, then archived), adding and editing one, archiving one. */
export function PlansSection({ module }: { module: ProviderModule }) {
  const { t } = useTranslation();
  const trpc = useCommuneTRPC();
  const cache = useProviderModulesCache();
  const [editing, setEditing] = useState<ProviderPlan | null>(null);
  const [archiving, setArchiving] = useState<ProviderPlan | null>(null);
  const archive = useMutation(
    trpc.modules.archivePlan.mutationOptions({
      onSuccess: async () => {
        setArchiving(null);
        if (editing?.id === archiving?.id) setEditing(null);
        await cache.invalidate();
      },
    }),
  );
  // A published module keeps one active plan on sale (the API refuses to archive the last one).
  const lastActive =
    module.status === "published" && module.plans.filter((p) => p.status === "active").length === 1;
  const plans = [...module.plans].sort(
    (a, b) => Number(a.status === "archived") - Number(b.status === "archived"),
  );

  return (
    <section className="section" aria-labelledby="module-plans">
      <h2 id="module-plans">{t("moduleEditor.plansHeading")}</h2>
      {plans.length === 0 ? (
        <p>{t("moduleEditor.noPlans")}</p>
      ) : (
        <ul className="card-list">
          {plans.map((plan) => (
            <li key={plan.id}>
              <PlanItem
                plan={plan}
                usageUnit={module.usageUnit}
                archiveBlocked={lastActive}
                onEdit={() => setEditing(plan)}
                onArchive={() => {
                  archive.reset();
                  setArchiving(plan);
                }}
              />
            </li>
          ))}
        </ul>
      )}
      <PlanForm
        key={editing?.id ?? "new"}
        moduleId={module.id}
        usageUnit={module.usageUnit}
        plan={editing}
        onDone={() => setEditing(null)}
      />
      <ConfirmDialog
        open={archiving !== null}
        title={t("moduleEditor.archiveTitle", { plan: archiving?.name ?? "" })}
        confirmLabel={t("moduleEditor.archiveConfirm")}
        pending={archive.isPending}
        error={archive.error}
        onConfirm={() => archiving && archive.mutate({ id: archiving.id })}
        onCancel={() => {
          archive.reset();
          setArchiving(null);
        }}
      >
        <p>{t("moduleEditor.archiveText")}</p>
      </ConfirmDialog>
    </section>
  );
}
