import { can } from "@ciar/domain/permissions";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorNotice, Loading } from "../../components/StatusMessages";
import { communeLabel, useCommune } from "../../lib/commune";
import { useCommuneTRPC } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { AUDIT_ACTIONS, AuditRow } from "./AuditRow";
import { LoadMore } from "../../components/LoadMore";

const PAGE_SIZE = 25;

/** Newest first: who did what, when, and what changed. Admins only (audit.read). */
export function AuditPage() {
  const { t } = useTranslation();
  const commune = useCommune();
  useDocumentTitle(`${t("audit.title")} · ${communeLabel(commune)}`);
  if (!can(commune.role, "audit.read")) {
    return (
      <>
        <h1>{t("audit.title")}</h1>
        <EmptyState title={t("audit.forbidden")} />
      </>
    );
  }
  return <AuditLog />;
}

function AuditLog() {
  const { t } = useTranslation();
  const trpc = useCommuneTRPC();
  const [action, setAction] = useState("");
  const events = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(
      { limit: PAGE_SIZE, action: action || undefined },
      { getNextPageParam: (page) => page.nextCursor, placeholderData: keepPreviousData },
    ),
  );
  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <h1>{t("audit.title")}</h1>
      <div className="field filter-field">
        <label htmlFor="audit-action">{t("audit.filter")}</label>
        <select id="audit-action" value={action} onChange={(e) => setAction(e.target.value)}>
          <option value="">{t("audit.allActions")}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`audit.actions.${a}`)}
            </option>
          ))}
        </select>
      </div>
      {events.isPending ? (
        <Loading />
      ) : !events.data ? (
        <ErrorNotice error={events.error} onRetry={() => void events.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title={action ? t("audit.noMatches") : t("audit.empty")} />
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("audit.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.details")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((event) => (
                <AuditRow key={event.id} event={event} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore query={events} />
      {events.isError && events.data && <ErrorNotice error={events.error} />}
    </>
  );
}
