import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { RouterOutputs } from "../../lib/trpc";
import { InviteForm } from "./InviteForm";
import { InviteResult } from "./InviteResult";

export type Invited = RouterOutputs["members"]["invite"];

/** The form, and after a successful invitation its one-time link (kept only in this component). */
export function InviteSection() {
  const { t } = useTranslation();
  const [invited, setInvited] = useState<Invited | null>(null);
  return (
    <section aria-labelledby="invite-heading" className="section card">
      <h2 id="invite-heading">{t("invite.heading")}</h2>
      <p>{t("invite.lead")}</p>
      {invited && <InviteResult invited={invited} onDone={() => setInvited(null)} />}
      <InviteForm onInvited={setInvited} />
    </section>
  );
}
