import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ErrorNotice, Loading } from "../../components/StatusMessages";
import type { DirectoryKind } from "@ciar/domain/schemas/directory";
import { formatTime } from "../../lib/format-time";
import { useLocale } from "../../lib/use-locale";
import { useAccountTRPC } from "../../lib/trpc";
import { AccountSection } from "./AccountSection";

/** Mi cuenta: the communes' directories this account signs in with (never the identity itself). */
export function DirectorySection() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useAccountTRPC();
  const connected = useQuery(trpc.directory.mine.queryOptions());
  return (
    <AccountSection id="directorio" titleKey="account.directory.title" lead={t("account.directory.lead")}>
      {connected.isPending ? (
        <Loading />
      ) : connected.isError ? (
        <ErrorNotice error={connected.error} onRetry={() => void connected.refetch()} />
      ) : connected.data.length === 0 ? (
        <p>{t("account.directory.none")}</p>
      ) : (
        <ul className="plain-list">
          {connected.data.map((link) => (
            <li key={`${link.communeName}-${link.kind}`}>
              <strong>{t(`directory.kinds.${link.kind as DirectoryKind}`)}</strong> · {link.communeName} ·{" "}
              {t("account.directory.lastSignIn", { date: formatTime(link.lastSignInAt, locale) })}
            </li>
          ))}
        </ul>
      )}
    </AccountSection>
  );
}
