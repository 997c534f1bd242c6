import { withIva } from "@ciar/domain/billing/pricing";
import { formatClp } from "@ciar/domain/format";
import { useTranslation } from "react-i18next";
import { formatNumber, useLocale } from "../../lib/use-locale";

export interface PlanView {
  id: string;
  name: string;
  interval: "month" | "year";
  priceClp: number;
  includedUnits: number;
  overageUnitPriceClp: number;
  quotaPolicy: "overage" | "block";
}

/** A plan's price without and with IVA, its monthly quota and what happens beyond it. */
export function PlanSummary({ plan, usageUnit }: { plan: PlanView; usageUnit: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const price = withIva(plan.priceClp);
  const overage = withIva(plan.overageUnitPriceClp);
  const per = plan.interval === "year" ? t("modules.perYear") : t("modules.perMonth");
  return (
    <dl className="plan-summary">
      <dt>{t("modules.priceNet")}</dt>
      <dd>
        {formatClp(price.net)} {per}
      </dd>
      <dt>{t("modules.iva")}</dt>
      <dd>{formatClp(price.iva)}</dd>
      <dt>{t("modules.priceGross")}</dt>
      <dd>
        <strong>
          {formatClp(price.gross)} {per}
        </strong>
      </dd>
      <dt>{t("modules.included")}</dt>
      <dd>
        {t("modules.includedUnits", { units: formatNumber(plan.includedUnits, locale), unit: usageUnit })}
      </dd>
      <dt>{t("modules.overage")}</dt>
      <dd>
        {plan.quotaPolicy === "block"
          ? t("modules.blockAtQuota")
          : t("modules.overagePrice", {
              net: formatClp(overage.net),
              gross: formatClp(overage.gross),
              unit: usageUnit,
            })}
      </dd>
    </dl>
  );
}
