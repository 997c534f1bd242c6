import { formatDateTime } from "@ciar/domain/format";
import { zRequestRenewalInput } from "@ciar/domain/schemas/modules";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "../../components/Field";
import { ErrorNotice } from "../../components/StatusMessages";
import { appCodeOf, serverFieldErrors, serverMessage, type FieldErrors } from "../../lib/api-errors";
import { useCommuneTRPC } from "../../lib/trpc";
import { useLocale } from "../../lib/use-locale";
import { mergeFieldErrors, zodFieldErrors } from "../../lib/validation";
import type { Subscription } from "./SubscriptionsPage";

/**
 * An active purchase-order subscription: until when the order in force covers it, the next
 * period's order once given (waiting for the platform), and, for those who manage subscriptions,
 * the form to give it or replace it.
 */
export function RenewalSection({ subscription: s, manage }: { subscription: Subscription; manage: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const headingId = useId();
  const [replacing, setReplacing] = useState(false);
  return (
    <section className="section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("subscriptions.renewal.heading")}</h3>
      {s.purchaseOrderNumber && s.currentPeriodEnd && (
        <p>
          {t("subscriptions.renewal.coveredUntil", {
            number: s.purchaseOrderNumber,
            date: formatDateTime(s.currentPeriodEnd, locale),
          })}
        </p>
      )}
      {s.renewal ? (
        <div className="notice notice-info" role="status">
          <p>
            {t("subscriptions.renewal.pending", {
              number: s.renewal.purchaseOrderNumber,
              date: s.renewal.requestedAt ? formatDateTime(s.renewal.requestedAt, locale) : "—",
            })}
          </p>
          <p>{t("subscriptions.renewal.pendingNote")}</p>
        </div>
      ) : manage ? (
        <p>{t("subscriptions.renewal.none")}</p>
      ) : null}
      {manage &&
        (s.renewal && !replacing ? (
          <button type="button" className="button secondary" onClick={() => setReplacing(true)}>
            {t("subscriptions.renewal.replace")}
          </button>
        ) : (
          <RenewalForm
            subscriptionId={s.id}
            replacing={s.renewal !== null}
            onDone={() => setReplacing(false)}
          />
        ))}
    </section>
  );
}

function RenewalForm({
  subscriptionId,
  replacing,
  onDone,
}: {
  subscriptionId: string;
  replacing: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  const [purchaseOrderNumber, setPurchaseOrderNumber] = useState("");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const renew = useMutation(
    trpc.subscriptions.requestRenewal.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.subscriptions.mine.queryKey() });
        setPurchaseOrderNumber("");
        onDone();
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    // The schema the API validates with: a malformed number never leaves the browser.
    const parsed = zRequestRenewalInput.safeParse({ subscriptionId, purchaseOrderNumber });
    if (!parsed.success)
      return setClientErrors(zodFieldErrors(parsed.error, (key, values) => t(key, values)));
    setClientErrors({});
    renew.mutate(parsed.data);
  }

  // Giving the order in force again is a mistake in the number: said next to the field.
  const sameOrder = appCodeOf(renew.error) === "subscriptions.same_order" ? serverMessage(renew.error) : null;
  const errors = mergeFieldErrors(
    clientErrors,
    serverFieldErrors(renew.error),
    sameOrder ? { purchaseOrderNumber: [sameOrder] } : {},
  );
  const formError = renew.error && !sameOrder && Object.keys(serverFieldErrors(renew.error)).length === 0;
  return (
    <form className="form inline-form" onSubmit={submit} noValidate>
      <TextField
        label={t("subscriptions.renewal.numberLabel")}
        hint={t("modules.purchaseOrderHint")}
        value={purchaseOrderNumber}
        onChange={(e) => setPurchaseOrderNumber(e.target.value)}
        errors={errors.purchaseOrderNumber}
      />
      <button type="submit" className="button primary" disabled={renew.isPending}>
        {renew.isPending
          ? t("common.working")
          : replacing
            ? t("subscriptions.renewal.replaceSubmit")
            : t("subscriptions.renewal.submit")}
      </button>
      {replacing && (
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            renew.reset();
            setClientErrors({});
            onDone();
          }}
        >
          {t("common.cancel")}
        </button>
      )}
      {formError ? <ErrorNotice error={renew.error} /> : null}
    </form>
  );
}
