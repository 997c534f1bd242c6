import { withIva } from "@ciar/domain/billing/pricing";
import { formatClp } from "@ciar/domain/format";
import { useTranslation } from "react-i18next";
import { wholeOrNull, type PlanForm } from "./plan-form";

/** What subscribers will pay, with IVA, as the amounts are typed (nothing while they are not whole pesos). */
export function PlanPricePreview({ form }: { form: PlanForm }) {
  const { t } = useTranslation();
  const price = wholeOrNull(form.priceClp);
  const overage = wholeOrNull(form.overageUnitPriceClp);
  const per = form.interval === "year" ? t("modules.perYear") : t("modules.perMonth");
  const lines: string[] = [];
  if (price !== null) {
    const { net, iva, gross } = withIva(price);
    lines.push(
      t("moduleEditor.pricePreview", {
        net: formatClp(net),
        iva: formatClp(iva),
        gross: formatClp(gross),
        per,
      }),
    );
  }
  if (form.quotaPolicy === "overage" && overage !== null) {
    lines.push(t("moduleEditor.overagePreview", { gross: formatClp(withIva(overage).gross) }));
  }
  return (
    <p className="field-hint" aria-live="polite">
      {lines.join(" ")}
    </p>
  );
}
