import { useTranslation } from "react-i18next";
import { PlanSummary } from "../PlanSummary";
import type { ProviderPlan } from "./module-form";
import { useModulesBusy } from "./use-provider-modules";

interface Props {
  plan: ProviderPlan;
  usageUnit: string;
  /** The only active plan of a published module: it stays on sale until another one is added. */
  archiveBlocked: boolean;
  onEdit: () => void;
  onArchive: () => void;
}

/** One plan as subscribers see it (net, IVA, total, quota, overage), with the provider's actions. */
export function PlanItem({ plan, usageUnit, archiveBlocked, onEdit, onArchive }: Props) {
  const { t } = useTranslation();
  const busy = useModulesBusy();
  const archived = plan.status === "archived";
  const headingId = `plan-${plan.id}`;
  return (
    <article className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {plan.name} {archived && <span className="badge">{t("moduleEditor.archived")}</span>}
      </h3>
      <PlanSummary plan={plan} usageUnit={usageUnit} />
      {!archived && archiveBlocked && <p className="field-hint">{t("moduleEditor.lastPlanHint")}</p>}
      {!archived && (
        <div className="button-row">
          <button
            type="button"
            className="button secondary"
            disabled={busy}
            onClick={onEdit}
            aria-label={t("moduleEditor.editPlanLabel", { plan: plan.name })}
          >
            {t("moduleEditor.editPlan")}
          </button>
          <button
            type="button"
            className="button danger-quiet"
            disabled={busy || archiveBlocked}
            onClick={onArchive}
            aria-label={t("moduleEditor.archivePlanLabel", { plan: plan.name })}
          >
            {t("moduleEditor.archivePlan")}
          </button>
        </div>
      )}
    </article>
  );
}
