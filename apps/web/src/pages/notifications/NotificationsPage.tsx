import { formatDateTime } from "@ciar/domain/format";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorNotice, Loading } from "../../components/StatusMessages";
import { communeLabel, useCommune } from "../../lib/commune";
import { caseDetailPath } from "../../lib/commune-paths";
import { useCommuneTRPC } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useUseCaseLabels } from "../../lib/use-case-labels";
import { useLocale } from "../../lib/use-locale";
import { NotificationText } from "./NotificationText";
import { LoadMore } from "../../components/LoadMore";

/** The commune's inbox: adoptions, questions, comments, answers and endorsements of its cases. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useUseCaseLabels();
  const commune = useCommune();
  useDocumentTitle(`${t("notifications.title")} · ${communeLabel(commune)}`);
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  const list = useInfiniteQuery(
    trpc.notifications.list.infiniteQueryOptions(
      { limit: 20 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const markAll = useMutation(
    trpc.notifications.markRead.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.notifications.pathFilter()),
    }),
  );

  if (list.isPending) return <Loading />;
  if (!list.data) return <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />;
  const items = list.data.pages.flatMap((page) => page.items);
  const unread = list.data.pages[0]?.unread ?? 0;
  return (
    <>
      <h1>{t("notifications.title")}</h1>
      <p className="result-count" role="status">
        {t("notifications.unread", { count: unread })}
      </p>
      {unread > 0 && (
        <button
          type="button"
          className="button secondary"
          disabled={markAll.isPending}
          onClick={() => markAll.mutate({ ids: "all" })}
        >
          {t("notifications.markAll")}
        </button>
      )}
      {markAll.isError && <ErrorNotice error={markAll.error} />}
      {items.length === 0 ? (
        <EmptyState title={t("notifications.empty")} />
      ) : (
        <ul className="notification-list">
          {items.map((n) => (
            <li key={n.id} className={n.readAt ? "notification card" : "notification card unread"}>
              {!n.readAt && <span className="badge badge-new">{t("notifications.new")}</span>}
              <NotificationText
                text={labels.notification(n.kind, n.actorCommuneName)}
                payload={n.payload}
                href={n.useCaseId ? caseDetailPath(commune.code, n.useCaseId) : null}
              />
              <p className="byline">{formatDateTime(n.createdAt, locale)}</p>
            </li>
          ))}
        </ul>
      )}
      <LoadMore query={list} />
    </>
  );
}
