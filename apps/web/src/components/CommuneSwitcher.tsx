import { useTranslation } from "react-i18next";
import { useLocation, useMatch, useNavigate } from "react-router";
import { communeLabel } from "../lib/commune";
import { findMembershipByCut, switchCommunePath } from "../lib/commune-paths";
import { useMe } from "../lib/session";
import { DemoBadge } from "./DemoBadge";

/** Lists the person's communes; choosing one opens the same page (members, settings…) there. */
export function CommuneSwitcher() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const cut = useMatch("/c/:cut/*")?.params.cut;
  if (me.memberships.length === 0) return null;
  const current = findMembershipByCut(me.memberships, cut);

  return (
    <div className="commune-switcher">
      <label htmlFor="commune-switcher">{t("header.commune")}</label>
      <select
        id="commune-switcher"
        aria-describedby="commune-switcher-hint"
        value={current?.code ?? ""}
        onChange={(event) => void navigate(switchCommunePath(pathname, event.target.value))}
      >
        {!current && (
          <option value="" disabled>
            {t("header.chooseCommune")}
          </option>
        )}
        {me.memberships.map((m) => (
          <option key={m.communeId} value={m.code}>
            {communeLabel(m)}
          </option>
        ))}
      </select>
      <span id="commune-switcher-hint" className="visually-hidden">
        {t("header.communeHint")}
      </span>
      {current?.isDemo && <DemoBadge />}
    </div>
  );
}
