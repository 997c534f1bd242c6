import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { communeLabel } from "../../lib/commune";
import { communePath } from "../../lib/commune-paths";
import { useMe } from "../../lib/session";
import { useDocumentTitle } from "../../lib/use-document-title";

/** /modulos/pago: where Stripe Checkout returns, paid (resultado=ok) or canceled. */
export function PaymentResultPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const me = useMe();
  const ok = params.get("resultado") === "ok";
  useDocumentTitle(t("payment.title"));
  return (
    <>
      <h1>{t("payment.title")}</h1>
      <p className={ok ? "notice notice-success" : "notice notice-info"} role="status">
        {ok ? t("payment.ok") : t("payment.canceled")}
      </p>
      <ul>
        {me.memberships.map((m) => (
          <li key={m.communeId}>
            <Link to={communePath(m.code, "suscripciones")}>
              {t("payment.toSubscriptions", { commune: communeLabel(m) })}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
