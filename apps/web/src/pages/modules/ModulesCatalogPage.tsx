import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { TextField } from "../../components/Field";
import { EmptyState, ErrorNotice, Loading } from "../../components/StatusMessages";
import { useCommune } from "../../lib/commune";
import { modulePath } from "../../lib/commune-paths";
import { useCommuneTRPC, type RouterOutputs } from "../../lib/trpc";
import { useDebouncedValue } from "../../lib/use-debounced-value";
import { useDocumentTitle } from "../../lib/use-document-title";
import { PlanSummary } from "./PlanSummary";
import { BillingStatusNotice } from "./BillingStatusNotice";

type CatalogModule = RouterOutputs["modules"]["catalog"]["items"][number];

/** /c/:cut/modulos: the shared AI modules other communes publish, with their plans and prices. */
export function ModulesCatalogPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("modules.catalogTitle"));
  const trpc = useCommuneTRPC();
  const [search, setSearch] = useState("");
  const query = useDebouncedValue(search.trim(), 300);
  const catalog = useInfiniteQuery(
    trpc.modules.catalog.infiniteQueryOptions(
      { limit: 24, ...(query ? { query } : {}) },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const items = catalog.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <h1>{t("modules.catalogTitle")}</h1>
      <p className="lead">{t("modules.catalogLead")}</p>
      <BillingStatusNotice />
      <form className="form inline-form" role="search" onSubmit={(e) => e.preventDefault()}>
        <TextField
          label={t("modules.search")}
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </form>
      {catalog.isPending ? (
        <Loading />
      ) : catalog.isError ? (
        <ErrorNotice error={catalog.error} onRetry={() => void catalog.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t("modules.catalogEmpty")} />
      ) : (
        <>
          <ul className="card-list">
            {items.map((m) => (
              <li key={m.id}>
                <ModuleCard module={m} />
              </li>
            ))}
          </ul>
          {catalog.hasNextPage && (
            <button
              type="button"
              className="button secondary"
              disabled={catalog.isFetchingNextPage}
              onClick={() => void catalog.fetchNextPage()}
            >
              {catalog.isFetchingNextPage ? t("common.loading") : t("modules.loadMore")}
            </button>
          )}
        </>
      )}
    </>
  );
}

function ModuleCard({ module: m }: { module: CatalogModule }) {
  const { t } = useTranslation();
  const commune = useCommune();
  return (
    <article className="card module-card" aria-labelledby={`module-${m.id}`}>
      <h2 id={`module-${m.id}`}>
        <Link to={modulePath(commune.code, m.slug)}>{m.name}</Link>{" "}
        {m.isExample && <span className="badge badge-demo">{t("modules.example")}</span>}
      </h2>
      <p className="card-meta">{t("modules.providedBy", { provider: m.provider.name })}</p>
      <p>{m.description}</p>
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
    </article>
  );
}
