import { zSubscribeStripeInput } from "@ciar/domain/schemas/billing";
import { zSubscribePurchaseOrderInput } from "@ciar/domain/schemas/modules";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { SelectField, TextField } from "../../components/Field";
import { ErrorNotice } from "../../components/StatusMessages";
import { serverFieldErrors, type FieldErrors } from "../../lib/api-errors";
import { useCommune } from "../../lib/commune";
import { communePath } from "../../lib/commune-paths";
import { useCommuneTRPC } from "../../lib/trpc";
import { mergeFieldErrors, zodFieldErrors } from "../../lib/validation";
import { useBillingStatus } from "./BillingStatusNotice";
import type { PlanView } from "./PlanSummary";

type Method = "purchase_order" | "stripe_checkout" | "stripe_invoice";

/** Subscribing: by purchase order always, by Stripe Checkout or invoice only when Stripe is on. */
export function SubscribeForm({ moduleId, plans }: { moduleId: string; plans: PlanView[] }) {
  const { t } = useTranslation();
  const commune = useCommune();
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const billingStatus = useBillingStatus();
  const mine = useQuery(trpc.subscriptions.mine.queryOptions());
  const [planId, setPlanId] = useState(plans[0]?.id ?? "");
  const [method, setMethod] = useState<Method>("purchase_order");
  const [purchaseOrderNumber, setPurchaseOrderNumber] = useState("");
  const [rut, setRut] = useState("");
  const [name, setName] = useState("");
  const [address, setAddress] = useState("");
  const [email, setEmail] = useState("");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [invoiceUrl, setInvoiceUrl] = useState<string | null>(null);

  const afterSubscribe = () =>
    queryClient.invalidateQueries({ queryKey: trpc.subscriptions.mine.queryKey() });
  const byPurchaseOrder = useMutation(
    trpc.subscriptions.subscribePurchaseOrder.mutationOptions({
      onSuccess: async () => {
        await afterSubscribe();
        await navigate(communePath(commune.code, "suscripciones"));
      },
    }),
  );
  const byStripe = useMutation(
    trpc.billing.subscribe.mutationOptions({
      onSuccess: async (result) => {
        await afterSubscribe();
        if (result.checkoutUrl) window.location.assign(result.checkoutUrl);
        else setInvoiceUrl(result.invoiceUrl);
      },
    }),
  );
  const existing = mine.data?.find((s) => s.module.id === moduleId && s.status !== "canceled");
  if (existing) {
    return (
      <p>
        {t("modules.alreadySubscribed", { status: t(`subscriptions.state.${existing.entitlement.state}`) })}{" "}
        <Link to={communePath(commune.code, "suscripciones")}>{t("modules.goToSubscriptions")}</Link>
      </p>
    );
  }
  if (invoiceUrl !== null) {
    return (
      <div className="notice notice-success" role="status">
        <p>{t("modules.invoiceSent")}</p>
        {invoiceUrl && (
          <p>
            <a href={invoiceUrl} target="_blank" rel="noreferrer">
              {t("modules.openInvoice")}
            </a>
          </p>
        )}
      </div>
    );
  }

  const stripe = billingStatus.data?.stripe === true;
  const billing = { rut, name, address, email };
  const mutation = method === "purchase_order" ? byPurchaseOrder : byStripe;

  function submit(event: FormEvent) {
    event.preventDefault();
    // The same schemas the API validates with: most mistakes never leave the browser.
    if (method === "purchase_order") {
      const parsed = zSubscribePurchaseOrderInput.safeParse({
        moduleId,
        planId,
        purchaseOrderNumber,
        billing,
      });
      if (!parsed.success)
        return setClientErrors(zodFieldErrors(parsed.error, (key, values) => t(key, values)));
      setClientErrors({});
      byPurchaseOrder.mutate(parsed.data);
    } else {
      const parsed = zSubscribeStripeInput.safeParse({ moduleId, planId, method, billing });
      if (!parsed.success)
        return setClientErrors(zodFieldErrors(parsed.error, (key, values) => t(key, values)));
      setClientErrors({});
      byStripe.mutate(parsed.data);
    }
  }

  const errors = mergeFieldErrors(clientErrors, serverFieldErrors(mutation.error));
  const formError = mutation.error && Object.keys(serverFieldErrors(mutation.error)).length === 0;
  return (
    <form className="form" onSubmit={submit} noValidate>
      <SelectField label={t("modules.plan")} value={planId} onChange={(e) => setPlanId(e.target.value)}>
        {plans.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      {stripe && (
        <SelectField
          label={t("modules.method")}
          value={method}
          onChange={(e) => setMethod(e.target.value as Method)}
        >
          <option value="purchase_order">{t("modules.methods.purchase_order")}</option>
          <option value="stripe_checkout">{t("modules.methods.stripe_checkout")}</option>
          <option value="stripe_invoice">{t("modules.methods.stripe_invoice")}</option>
        </SelectField>
      )}
      {method === "purchase_order" && (
        <TextField
          label={t("modules.purchaseOrderNumber")}
          hint={t("modules.purchaseOrderHint")}
          value={purchaseOrderNumber}
          onChange={(e) => setPurchaseOrderNumber(e.target.value)}
          errors={errors.purchaseOrderNumber}
        />
      )}
      <fieldset>
        <legend>{t("modules.billingDetails")}</legend>
        <TextField
          label={t("modules.rut")}
          value={rut}
          onChange={(e) => setRut(e.target.value)}
          errors={errors["billing.rut"]}
        />
        <TextField
          label={t("modules.businessName")}
          value={name}
          onChange={(e) => setName(e.target.value)}
          errors={errors["billing.name"]}
        />
        <TextField
          label={t("modules.address")}
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          errors={errors["billing.address"]}
        />
        <TextField
          label={t("modules.billingEmail")}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          errors={errors["billing.email"]}
        />
      </fieldset>
      <button type="submit" className="button primary" disabled={mutation.isPending}>
        {mutation.isPending
          ? t("common.working")
          : method === "purchase_order"
            ? t("modules.requestPurchaseOrder")
            : method === "stripe_checkout"
              ? t("modules.payWithCheckout")
              : t("modules.requestInvoice")}
      </button>
      {formError ? <ErrorNotice error={mutation.error} /> : null}
    </form>
  );
}
