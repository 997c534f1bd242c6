import { can } from "@ciar/domain/permissions";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { communeLabel, useCommune } from "../../lib/commune";
import { useDebouncedValue } from "../../lib/use-debounced-value";
import { useDocumentTitle } from "../../lib/use-document-title";
import { InviteSection } from "./InviteSection";
import { MembersTable } from "./MembersTable";
import { PendingInvitations } from "./PendingInvitations";

/** Who belongs to the commune; admins also invite, change roles, remove and revoke invitations. */
export function MembersPage() {
  const { t } = useTranslation();
  const commune = useCommune();
  useDocumentTitle(`${t("members.title")} · ${communeLabel(commune)}`);
  const [search, setSearch] = useState("");
  const debouncedSearch = useDebouncedValue(search.trim(), 300);
  const mayInvite = can(commune.role, "members.invite");

  return (
    <>
      <h1>{t("members.title")}</h1>
      <section aria-labelledby="members-list-heading" className="section">
        <h2 id="members-list-heading" className="visually-hidden">
          {t("members.listHeading")}
        </h2>
        <div className="field search-field">
          <label htmlFor="member-search">{t("members.search")}</label>
          <input
            id="member-search"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            aria-describedby="member-search-hint"
          />
          <p id="member-search-hint" className="field-hint">
            {t("members.searchHint")}
          </p>
        </div>
        <MembersTable search={debouncedSearch} />
      </section>
      {mayInvite && <InviteSection />}
      {mayInvite && <PendingInvitations />}
    </>
  );
}
