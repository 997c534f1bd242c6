import { formatDateTime } from "@ciar/domain/format";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ErrorNotice, Loading } from "../../components/StatusMessages";
import { useAccountTRPC, type RouterOutputs } from "../../lib/trpc";
import { useLocale } from "../../lib/use-locale";
import { AccountSection } from "./AccountSection";

type SessionRow = RouterOutputs["account"]["sessions"][number];

/** The account's active sessions (device, browser, last use): end any other one, or all of them. */
export function SessionsSection() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useAccountTRPC();
  const queryClient = useQueryClient();
  const sessions = useQuery(trpc.account.sessions.queryOptions());
  const refresh = () => queryClient.invalidateQueries(trpc.account.sessions.queryFilter());
  const endOne = useMutation(trpc.account.endSession.mutationOptions({ onSettled: refresh }));
  const endOthers = useMutation(trpc.account.endOtherSessions.mutationOptions({ onSettled: refresh }));

  const describe = (s: SessionRow) =>
    [
      s.browser ?? t("account.sessions.unknownBrowser"),
      s.os ? t("account.sessions.on", { os: s.os }) : null,
      s.device ? `(${t(`account.sessions.device.${s.device}`)})` : null,
    ]
      .filter(Boolean)
      .join(" ");

  return (
    <AccountSection id="sesiones" titleKey="account.sessions.title" lead={t("account.sessions.lead")}>
      {sessions.isPending ? (
        <Loading />
      ) : sessions.isError ? (
        <ErrorNotice error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <>
          <ul className="session-list">
            {sessions.data.map((s) => (
              <li key={s.id} className="session-item">
                <div>
                  <strong>{describe(s)}</strong>
                  {s.current ? <span className="badge">{t("account.sessions.current")}</span> : null}
                  <p className="note">
                    {t("account.sessions.lastUsed", { date: formatDateTime(new Date(s.lastUsedAt), locale) })}
                    {" · "}
                    {t("account.sessions.started", { date: formatDateTime(new Date(s.startedAt), locale) })}
                  </p>
                </div>
                {s.current ? null : (
                  <button
                    type="button"
                    className="button secondary"
                    disabled={endOne.isPending}
                    onClick={() => endOne.mutate({ sessionId: s.id })}
                  >
                    {t("account.sessions.end")}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {endOne.error ? <ErrorNotice error={endOne.error} /> : null}
          {endOthers.error ? <ErrorNotice error={endOthers.error} /> : null}
          {endOthers.isSuccess ? (
            <p className="notice notice-success" role="status">
              {t("account.sessions.othersEnded", { count: endOthers.data.ended })}
            </p>
          ) : null}
          {sessions.data.some((s) => !s.current) ? (
            <button
              type="button"
              className="button secondary"
              disabled={endOthers.isPending}
              onClick={() => endOthers.mutate()}
            >
              {t("account.sessions.endOthers")}
            </button>
          ) : null}
        </>
      )}
    </AccountSection>
  );
}
