import { formatDateTime } from "@ciar/domain/format";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { CopyField } from "../../components/CopyField";
import { useLocale } from "../../lib/use-locale";
import type { Invited } from "./InviteSection";

/**
 * The link is shown once: only its hash is stored, so it cannot be displayed again. The e-mail is
 * queued with the invitation and sent in the background (retried if the mail server is down), so
 * the link stays available as a fallback. Focus moves here so that keyboard and screen-reader users
 * notice the result.
 */
const DELIVERY_MESSAGE = { queued: "invite.emailQueued" } as const;

export function InviteResult({ invited, onDone }: { invited: Invited; onDone: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [invited]);
  const { invitation } = invited;

  return (
    <div className="notice notice-success invite-result">
      <h3 ref={heading} tabIndex={-1}>
        {t("invite.createdHeading", { email: invitation.email, role: t(`roles.${invitation.role}`) })}
      </h3>
      <p>
        {t(DELIVERY_MESSAGE[invited.delivery], {
          email: invitation.email,
          date: formatDateTime(invitation.expiresAt, locale),
        })}
      </p>
      <CopyField label={t("invite.link")} value={invited.acceptUrl} hint={t("invite.linkOnce")} />
      <button type="button" className="button secondary" onClick={onDone}>
        {t("invite.done")}
      </button>
    </div>
  );
}
