import { can } from "@ciar/domain/permissions";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useMatch } from "react-router";
import { CommuneProvider } from "../lib/commune";
import { communePath, findMembershipByCut } from "../lib/commune-paths";
import { useMe } from "../lib/session";
import { useCommuneTRPC } from "../lib/trpc";

/**
 * The active commune's unread notifications, in the header. It shares the commune's cache key
 * prefix with the pages, so marking them read there updates the count here.
 */
export function NotificationBell() {
  const me = useMe();
  const cut = useMatch("/c/:cut/*")?.params.cut;
  const membership = findMembershipByCut(me.memberships, cut);
  if (!membership || !can(membership.role, "notifications.read")) return null;
  return (
    <CommuneProvider key={membership.communeId} membership={membership}>
      <BellLink cut={membership.code} />
    </CommuneProvider>
  );
}

function BellLink({ cut }: { cut: string }) {
  const { t } = useTranslation();
  const trpc = useCommuneTRPC();
  const unread = useQuery({
    ...trpc.notifications.list.queryOptions({ limit: 1, unreadOnly: true }),
    refetchInterval: 60_000,
  });
  const count = unread.data?.unread ?? 0;
  return (
    <Link
      to={communePath(cut, "notificaciones")}
      className="bell"
      aria-label={t("notifications.bell", { count })}
    >
      {/* An inline icon: an emoji needs a font that kiosks and servers often lack. */}
      <svg
        aria-hidden="true"
        width="20"
        height="20"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
      >
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.7 21a2 2 0 0 1-3.4 0" />
      </svg>
      {count > 0 && (
        <span className="bell-count" aria-hidden="true">
          {count}
        </span>
      )}
    </Link>
  );
}
