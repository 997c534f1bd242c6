import { formatDateTime } from "@ciar/domain/format";
import { can } from "@ciar/domain/permissions";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { EmptyState, ErrorNotice, Loading } from "../../components/StatusMessages";
import { useCommune } from "../../lib/commune";
import { communePath, modulePath } from "../../lib/commune-paths";
import { useCommuneTRPC, type RouterOutputs } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { formatNumber, useLocale } from "../../lib/use-locale";
import { useBillingStatus } from "../modules/BillingStatusNotice";
import { ChangePlanForm } from "./ChangePlanForm";
import { EntitlementNotices } from "./EntitlementNotices";
import { InvoicesSection } from "./InvoicesSection";
import { RenewalSection } from "./RenewalSection";
import { UsageSection } from "./UsageSection";

export type Subscription = RouterOutputs["subscriptions"]["mine"][number];

/** /c/:cut/suscripciones: the modules the commune subscribes to, their state, usage and invoices. */
export function SubscriptionsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("subscriptions.title"));
  const commune = useCommune();
  const trpc = useCommuneTRPC();
  const mine = useQuery(trpc.subscriptions.mine.queryOptions());
  const billingStatus = useBillingStatus();
  const portal = useMutation(
    trpc.billing.portal.mutationOptions({ onSuccess: ({ url }) => window.location.assign(url) }),
  );
  const hasStripe = mine.data?.some((s) => s.method !== "purchase_order") ?? false;
  return (
    <>
      <h1>{t("subscriptions.title")}</h1>
      <p className="lead">
        {t("subscriptions.lead")}{" "}
        <Link to={communePath(commune.code, "modulos")}>{t("subscriptions.toCatalog")}</Link>
      </p>
      {billingStatus.data?.stripe && hasStripe && can(commune.role, "billing.read") && (
        <p>
          <button
            type="button"
            className="button secondary"
            disabled={portal.isPending}
            onClick={() => portal.mutate()}
          >
            {portal.isPending ? t("common.working") : t("subscriptions.portal")}
          </button>
        </p>
      )}
      {portal.error ? <ErrorNotice error={portal.error} /> : null}
      {mine.isPending ? (
        <Loading />
      ) : mine.isError ? (
        <ErrorNotice error={mine.error} onRetry={() => void mine.refetch()} />
      ) : mine.data.length === 0 ? (
        <EmptyState title={t("subscriptions.empty")} />
      ) : (
        <ul className="card-list">
          {mine.data.map((s) => (
            <li key={s.id}>
              <SubscriptionCard subscription={s} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function SubscriptionCard({ subscription: s }: { subscription: Subscription }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const commune = useCommune();
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState<"withdraw" | "cancel" | null>(null);
  const [details, setDetails] = useState(false);
  const done = () => {
    setConfirm(null);
    void queryClient.invalidateQueries({ queryKey: trpc.subscriptions.mine.queryKey() });
  };
  const withdraw = useMutation(trpc.subscriptions.withdraw.mutationOptions({ onSuccess: done }));
  const cancel = useMutation(trpc.billing.cancel.mutationOptions({ onSuccess: done }));
  const manage = can(commune.role, "subscriptions.manage");
  const state = s.entitlement.state;
  const usage = s.usageThisMonth;
  const live = state !== "canceled";
  return (
    <article className="card" aria-labelledby={`subscription-${s.id}`}>
      <h2 id={`subscription-${s.id}`}>
        <Link to={modulePath(commune.code, s.module.slug)}>{s.module.name}</Link>{" "}
        {s.module.isExample && <span className="badge badge-demo">{t("modules.example")}</span>}
      </h2>
      <p>
        <span className={`badge subscription-state state-${state}`}>
          {t("subscriptions.stateLabel", { state: t(`subscriptions.state.${state}`) })}
        </span>
      </p>
      <EntitlementNotices subscription={s} />
      <dl className="plan-summary">
        <dt>{t("modules.plan")}</dt>
        <dd>{s.plan.name}</dd>
        <dt>{t("modules.method")}</dt>
        <dd>{t(`modules.methods.${s.method}`)}</dd>
        {s.purchaseOrderNumber && (
          <>
            <dt>{t("modules.purchaseOrderNumber")}</dt>
            <dd>{s.purchaseOrderNumber}</dd>
          </>
        )}
        {s.currentPeriodStart && s.currentPeriodEnd && (
          <>
            <dt>{t("subscriptions.period")}</dt>
            <dd>
              {formatDateTime(s.currentPeriodStart, locale)} – {formatDateTime(s.currentPeriodEnd, locale)}
            </dd>
          </>
        )}
        <dt>{t("subscriptions.usageThisMonth", { month: usage.month })}</dt>
        <dd>
          {t("subscriptions.usageOfQuota", {
            units: formatNumber(usage.units, locale),
            included: formatNumber(usage.includedUnits, locale),
            unit: s.module.usageUnit,
          })}
          {usage.includedUnits > 0 && (
            <>
              {" "}
              <meter min={0} max={usage.includedUnits} value={Math.min(usage.units, usage.includedUnits)}>
                {usage.units}
              </meter>
            </>
          )}
          {usage.overUnits > 0 && (
            <span className="field-hint">
              {" "}
              {s.plan.quotaPolicy === "block"
                ? t("subscriptions.quotaExhausted")
                : t("subscriptions.overUnits", { units: formatNumber(usage.overUnits, locale) })}
            </span>
          )}
        </dd>
      </dl>
      {s.method === "purchase_order" && s.status === "active" && (
        <RenewalSection subscription={s} manage={manage} />
      )}
      <div className="actions">
        {live && (
          <button
            type="button"
            className="button secondary"
            aria-expanded={details}
            onClick={() => setDetails((v) => !v)}
          >
            {details ? t("subscriptions.hideDetails") : t("subscriptions.showDetails")}
          </button>
        )}
        {manage && s.status === "pending" && (
          <button type="button" className="button danger" onClick={() => setConfirm("withdraw")}>
            {t("subscriptions.withdraw")}
          </button>
        )}
        {manage &&
          s.method !== "purchase_order" &&
          live &&
          !s.cancelAtPeriodEnd &&
          s.status !== "pending" && (
            <button type="button" className="button danger" onClick={() => setConfirm("cancel")}>
              {t("subscriptions.cancel")}
            </button>
          )}
      </div>
      {details && (
        <>
          {manage && s.method !== "purchase_order" && allowed(s) && !s.cancelAtPeriodEnd && (
            <ChangePlanForm subscriptionId={s.id} moduleSlug={s.module.slug} currentPlanId={s.plan.id} />
          )}
          <UsageSection subscriptionId={s.id} />
          {can(commune.role, "billing.read") && <InvoicesSection subscriptionId={s.id} />}
        </>
      )}
      <ConfirmDialog
        open={confirm === "withdraw"}
        title={t("subscriptions.withdrawTitle")}
        confirmLabel={t("subscriptions.withdraw")}
        pending={withdraw.isPending}
        error={withdraw.error}
        onConfirm={() => withdraw.mutate({ id: s.id })}
        onCancel={() => setConfirm(null)}
      >
        <p>{t("subscriptions.withdrawText", { module: s.module.name })}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === "cancel"}
        title={t("subscriptions.cancelTitle")}
        confirmLabel={t("subscriptions.cancel")}
        pending={cancel.isPending}
        error={cancel.error}
        onConfirm={() => cancel.mutate({ subscriptionId: s.id })}
        onCancel={() => setConfirm(null)}
      >
        <p>{t("subscriptions.cancelText", { module: s.module.name })}</p>
      </ConfirmDialog>
    </article>
  );
}

function allowed(s: Subscription): boolean {
  return s.entitlement.allowed;
}
