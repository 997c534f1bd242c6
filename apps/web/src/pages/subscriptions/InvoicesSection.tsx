import { formatClp, formatDateTime } from "@ciar/domain/format";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ErrorNotice, Loading } from "../../components/StatusMessages";
import { useCommuneTRPC } from "../../lib/trpc";
import { useLocale } from "../../lib/use-locale";

/** A subscription's invoices: Stripe's hosted invoice, or the purchase-order record. */
export function InvoicesSection({ subscriptionId }: { subscriptionId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useCommuneTRPC();
  const invoices = useQuery(trpc.subscriptions.invoices.queryOptions({ subscriptionId }));
  return (
    <section aria-label={t("subscriptions.invoices")}>
      <h3>{t("subscriptions.invoices")}</h3>
      {invoices.isPending ? (
        <Loading />
      ) : invoices.isError ? (
        <ErrorNotice error={invoices.error} onRetry={() => void invoices.refetch()} />
      ) : invoices.data.length === 0 ? (
        <p>{t("subscriptions.noInvoices")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("subscriptions.invoicePeriod")}</th>
                <th scope="col">{t("modules.priceNet")}</th>
                <th scope="col">{t("modules.iva")}</th>
                <th scope="col">{t("subscriptions.total")}</th>
                <th scope="col">{t("subscriptions.invoiceStatus")}</th>
                <th scope="col">{t("subscriptions.invoiceDocument")}</th>
              </tr>
            </thead>
            <tbody>
              {invoices.data.map((inv) => (
                <tr key={inv.id}>
                  <th scope="row">
                    {formatDateTime(inv.periodStart, locale)} – {formatDateTime(inv.periodEnd, locale)}
                  </th>
                  <td>{formatClp(inv.netClp)}</td>
                  <td>{formatClp(inv.ivaClp)}</td>
                  <td>{formatClp(inv.totalClp)}</td>
                  <td>{t(`subscriptions.invoiceStatuses.${inv.status}`)}</td>
                  <td>
                    {inv.hostedInvoiceUrl ? (
                      <a href={inv.hostedInvoiceUrl} target="_blank" rel="noreferrer">
                        {t("subscriptions.openInvoice")}
                      </a>
                    ) : inv.purchaseOrderNumber ? (
                      t("subscriptions.purchaseOrderRecord", { number: inv.purchaseOrderNumber })
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
