import { can } from "@ciar/domain/permissions";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorNotice, Loading } from "../../components/StatusMessages";
import { useCommune } from "../../lib/commune";
import { communePath } from "../../lib/commune-paths";
import { useCommuneTRPC } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { BillingStatusNotice } from "./BillingStatusNotice";
import { PlanSummary } from "./PlanSummary";
import { SubscribeForm } from "./SubscribeForm";

/** /c/:cut/modulos/:slug: one module, its documentation and plans, and subscribing to it. */
export function ModulePage() {
  const { t } = useTranslation();
  const { slug = "" } = useParams();
  const commune = useCommune();
  const trpc = useCommuneTRPC();
  const module = useQuery(trpc.modules.get.queryOptions({ slug }));
  useDocumentTitle(module.data?.name ?? t("modules.catalogTitle"));
  const back = (
    <p className="no-print">
      <Link to={communePath(commune.code, "modulos")}>{t("modules.backToCatalog")}</Link>
    </p>
  );
  if (module.isPending) return <Loading />;
  if (module.isError)
    return (
      <>
        {back}
        <ErrorNotice error={module.error} onRetry={() => void module.refetch()} />
      </>
    );
  const m = module.data;
  const paragraphs = m.documentation.split(/\n\s*\n/).filter((p) => p.trim() !== "");
  return (
    <>
      {back}
      <h1>
        {m.name} {m.isExample && <span className="badge badge-demo">{t("modules.example")}</span>}
      </h1>
      <p className="lead">{m.description}</p>
      <p className="card-meta">
        {t("modules.providedBy", { provider: m.provider.name })}
        {" · "}
        {t("modules.usageUnit", { unit: m.usageUnit })}
        {m.useCase.title && (
          <>
            {" · "}
            {t("modules.useCase", { title: m.useCase.title })}
          </>
        )}
      </p>
      <section className="section" aria-labelledby="module-plans">
        <h2 id="module-plans">{t("modules.plans")}</h2>
        {m.plans.length === 0 ? (
          <p>{t("modules.noPlans")}</p>
        ) : (
          m.plans.map((plan) => (
            <section key={plan.id} aria-label={t("modules.planLabel", { plan: plan.name })}>
              <h3>{plan.name}</h3>
              <PlanSummary plan={plan} usageUnit={m.usageUnit} />
            </section>
          ))
        )}
        <p className="card-meta">
          {m.subscriberCount === 0
            ? t("modules.noSubscribers")
            : t("modules.usedBy", { communes: m.subscribers.map((s) => s.name).join(", ") })}
        </p>
      </section>
      {paragraphs.length > 0 && (
        <section className="section" aria-labelledby="module-docs">
          <h2 id="module-docs">{t("modules.documentation")}</h2>
          {/* Markdown shown as plain text: never injected as HTML. */}
          {paragraphs.map((p, i) => (
            <p key={i} className="preformatted">
              {p}
            </p>
          ))}
        </section>
      )}
      <section className="section" aria-labelledby="module-subscribe">
        <h2 id="module-subscribe">{t("modules.subscribeHeading")}</h2>
        {m.isOwn ? (
          <p>{t("modules.ownModule")}</p>
        ) : m.status !== "published" || m.plans.length === 0 ? (
          <p>{t("modules.notSubscribable")}</p>
        ) : !can(commune.role, "subscriptions.manage") ? (
          <p>{t("modules.adminsSubscribe")}</p>
        ) : (
          <>
            <BillingStatusNotice />
            <SubscribeForm moduleId={m.id} plans={m.plans} />
          </>
        )}
      </section>
    </>
  );
}
