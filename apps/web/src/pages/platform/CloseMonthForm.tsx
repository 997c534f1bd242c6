import { formatClp } from "@ciar/domain/format";
import { useMutation } from "@tanstack/react-query";
import { useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { SelectField } from "../../components/Field";
import { ErrorNotice } from "../../components/StatusMessages";
import { serverFieldErrors } from "../../lib/api-errors";
import { useAccountTRPC, type RouterOutputs } from "../../lib/trpc";
import { formatNumber, useLocale } from "../../lib/use-locale";
import { closedMonths, formatMonth } from "./months";

type CloseResult = RouterOutputs["subscriptions"]["closeMonth"];

/**
 * Closes a past month (Chile): each active purchase order over its quota gets an overage invoice
 * record. Running it again creates nothing, so it needs no confirmation.
 */
export function CloseMonthForm() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useAccountTRPC();
  const months = useMemo(() => closedMonths(new Date()), []);
  const [month, setMonth] = useState(months[0]!);
  const close = useMutation(trpc.subscriptions.closeMonth.mutationOptions());

  function submit(event: FormEvent) {
    event.preventDefault();
    close.mutate({ month });
  }

  return (
    <section className="section card" aria-labelledby="close-month">
      <h2 id="close-month">{t("purchaseOrders.closeHeading")}</h2>
      <p>{t("purchaseOrders.closeLead")}</p>
      <form className="form inline-form" onSubmit={submit} noValidate>
        <SelectField
          label={t("purchaseOrders.closeMonthLabel")}
          value={month}
          onChange={(e) => {
            setMonth(e.target.value);
            close.reset();
          }}
          errors={serverFieldErrors(close.error).month}
        >
          {months.map((m) => (
            <option key={m} value={m}>
              {formatMonth(m, locale)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button primary" disabled={close.isPending}>
          {close.isPending ? t("common.working") : t("purchaseOrders.close")}
        </button>
        {close.isError && <ErrorNotice error={close.error} />}
        {close.data && <CloseSummary result={close.data} />}
      </form>
    </section>
  );
}

function CloseSummary({ result }: { result: CloseResult }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="notice notice-success" role="status">
      <p>
        {t("purchaseOrders.closeCreated", {
          count: result.invoices.length,
          month: formatMonth(result.month, locale),
        })}{" "}
        {t("purchaseOrders.closeOthers", {
          already: formatNumber(result.alreadyInvoiced, locale),
          within: formatNumber(result.withinQuota, locale),
        })}
      </p>
      {result.invoices.length > 0 && (
        <ul>
          {result.invoices.map((invoice) => (
            <li key={invoice.id}>
              {t("purchaseOrders.closeInvoice", {
                commune: invoice.commune.name,
                module: invoice.module.name,
                units: formatNumber(invoice.overageUnits, locale),
                total: formatClp(invoice.totalClp),
              })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
