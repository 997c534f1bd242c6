import { formatDateTime } from "@ciar/domain/format";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState, ErrorNotice, Loading } from "../../../components/StatusMessages";
import { PLATFORM_PEOPLE_PATH } from "../../../lib/coalition-paths";
import { useAccountTRPC } from "../../../lib/trpc";
import { useDebouncedValue } from "../../../lib/use-debounced-value";
import { useDocumentTitle } from "../../../lib/use-document-title";
import { useLocale } from "../../../lib/use-locale";
import { LoadMore } from "../../../components/LoadMore";

const PAGE_SIZE = 25;

/** /plataforma/personas: every account, searchable by e-mail or name; each links to its page. */
export function PeoplePage() {
  const { t } = useTranslation();
  const locale = useLocale();
  useDocumentTitle(t("people.title"));
  const trpc = useAccountTRPC();
  const [search, setSearch] = useState("");
  const debounced = useDebouncedValue(search.trim(), 300);
  const people = useInfiniteQuery(
    trpc.people.list.infiniteQueryOptions(
      { limit: PAGE_SIZE, search: debounced || undefined },
      { getNextPageParam: (page) => page.nextCursor, placeholderData: keepPreviousData },
    ),
  );
  const rows = people.data?.pages.flatMap((page) => page.items) ?? [];
  const total = people.data?.pages[0]?.total ?? 0;

  return (
    <>
      <h1>{t("people.title")}</h1>
      <p className="lead">{t("people.lead")}</p>
      <div className="field search-field">
        <label htmlFor="people-search">{t("people.search")}</label>
        <input id="people-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      {people.isPending ? (
        <Loading />
      ) : !people.data ? (
        <ErrorNotice error={people.error} onRetry={() => void people.refetch()} />
      ) : (
        <>
          <p className="result-count" role="status">
            {t("people.count", { count: total })}
          </p>
          {rows.length === 0 ? (
            <EmptyState title={t("people.empty")} />
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t("people.caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("people.name")}</th>
                    <th scope="col">{t("people.email")}</th>
                    <th scope="col">{t("people.state")}</th>
                    <th scope="col">{t("people.lastSignIn")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((person) => (
                    <tr key={person.userId}>
                      <th scope="row">
                        <Link to={`${PLATFORM_PEOPLE_PATH}/${person.userId}`}>{person.name}</Link>
                      </th>
                      <td>{person.email}</td>
                      <td>
                        {person.lockedAt ? (
                          <span className="badge badge-suspended">{t("people.locked")}</span>
                        ) : (
                          t("people.active")
                        )}
                      </td>
                      <td>
                        {person.lastLoginAt ? (
                          formatDateTime(person.lastLoginAt, locale)
                        ) : (
                          <span className="muted">{t("people.never")}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      <LoadMore query={people} />
      {people.isError && people.data && <ErrorNotice error={people.error} />}
    </>
  );
}
