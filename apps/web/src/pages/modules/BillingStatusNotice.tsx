import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useCommuneTRPC } from "../../lib/trpc";

/** Whether the platform takes card payments (Stripe) or purchase orders only. */
export function useBillingStatus() {
  const trpc = useCommuneTRPC();
  return useQuery(trpc.billing.status.queryOptions());
}

export function BillingStatusNotice() {
  const { t } = useTranslation();
  const status = useBillingStatus();
  if (!status.data || status.data.stripe) return null;
  return <p className="notice notice-info">{t("modules.purchaseOrderOnly")}</p>;
}
