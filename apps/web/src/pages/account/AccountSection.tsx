import type { ParseKeys } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** The frame every section of Mi cuenta shares: a card with a heading the page's menu links to. */
export function AccountSection({
  id,
  titleKey,
  lead,
  children,
}: {
  id: string;
  titleKey: ParseKeys;
  lead?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="section card">
      <h2 id={`${id}-heading`}>{t(titleKey)}</h2>
      {lead ? <p>{lead}</p> : null}
      {children}
    </section>
  );
}
