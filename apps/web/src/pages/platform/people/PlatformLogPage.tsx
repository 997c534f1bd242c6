import { PLATFORM_AUDIT_ACTIONS, type PlatformAuditAction } from "@ciar/domain/audit-actions";
import { formatDateTime } from "@ciar/domain/format";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { EmptyState, ErrorNotice, Loading } from "../../../components/StatusMessages";
import { changeValueText, describeChanges } from "../../../lib/audit-changes";
import { PLATFORM_LOG_PATH, PLATFORM_PEOPLE_PATH } from "../../../lib/coalition-paths";
import { useAccountTRPC } from "../../../lib/trpc";
import { useDocumentTitle } from "../../../lib/use-document-title";
import { useLocale } from "../../../lib/use-locale";
import { LoadMore } from "../../../components/LoadMore";

const PAGE_SIZE = 25;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isAction = (a: string): a is PlatformAuditAction =>
  (PLATFORM_AUDIT_ACTIONS as readonly string[]).includes(a);
/** Fields the platform's events record today; others show under their own name. */
const FIELDS = ["reason", "sessionsEnded", "lockedSince", "by"] as const;
const isField = (f: string): f is (typeof FIELDS)[number] => (FIELDS as readonly string[]).includes(f);

/**
 * /plataforma/registro: the platform's own log, newest first, filtered by action and by person
 * (?persona=<id>, from a person's page).
 */
export function PlatformLogPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  useDocumentTitle(t("platformLog.title"));
  const trpc = useAccountTRPC();
  const [params] = useSearchParams();
  const person = params.get("persona");
  const userId = person && UUID.test(person) ? person.toLowerCase() : undefined;
  const [action, setAction] = useState("");
  const events = useInfiniteQuery(
    trpc.platformAudit.list.infiniteQueryOptions(
      { limit: PAGE_SIZE, action: isAction(action) ? action : undefined, userId },
      { getNextPageParam: (page) => page.nextCursor, placeholderData: keepPreviousData },
    ),
  );
  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];
  const who = (id: string | null, name: string | null, email: string | null) =>
    id === null ? (
      <span className="muted">{t("platformLog.nobody")}</span>
    ) : (
      <>
        <Link to={`${PLATFORM_PEOPLE_PATH}/${id}`}>{name ?? t("platformLog.formerAccount")}</Link>
        {email && <span className="muted block">{email}</span>}
      </>
    );

  return (
    <>
      <h1>{t("platformLog.title")}</h1>
      <p className="lead">{t("platformLog.lead")}</p>
      <div className="field filter-field">
        <label htmlFor="platform-log-action">{t("platformLog.filter")}</label>
        <select id="platform-log-action" value={action} onChange={(e) => setAction(e.target.value)}>
          <option value="">{t("platformLog.allActions")}</option>
          {PLATFORM_AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`platformLog.actions.${a}`)}
            </option>
          ))}
        </select>
      </div>
      {userId && (
        <p>
          <Link to={PLATFORM_LOG_PATH}>{t("platformLog.clearPerson")}</Link>
        </p>
      )}
      {events.isPending ? (
        <Loading />
      ) : !events.data ? (
        <ErrorNotice error={events.error} onRetry={() => void events.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title={t("platformLog.empty")} />
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("platformLog.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("platformLog.when")}</th>
                <th scope="col">{t("platformLog.actor")}</th>
                <th scope="col">{t("platformLog.action")}</th>
                <th scope="col">{t("platformLog.subject")}</th>
                <th scope="col">{t("platformLog.details")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((event) => (
                <tr key={event.id}>
                  <td>
                    <time dateTime={event.createdAt}>{formatDateTime(event.createdAt, locale)}</time>
                  </td>
                  <td>{who(event.actorUserId, event.actorName, event.actorEmail)}</td>
                  <td>{isAction(event.action) ? t(`platformLog.actions.${event.action}`) : event.action}</td>
                  <td>{who(event.subjectUserId, event.subjectName, event.subjectEmail)}</td>
                  <td>
                    <ul className="changes">
                      {describeChanges(event.changes).map((line) => (
                        <li key={line.field}>
                          <span className="change-field">
                            {isField(line.field) ? t(`platformLog.fields.${line.field}`) : line.field}:
                          </span>{" "}
                          {"value" in line
                            ? (changeValueText(line.value) ?? t("common.none"))
                            : `${changeValueText(line.from) ?? t("common.none")} → ${changeValueText(line.to) ?? t("common.none")}`}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
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
