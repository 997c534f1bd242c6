import { formatDateTime } from "@ciar/domain/format";
import { MEMBERSHIP_ROLES } from "@ciar/domain/roles";
import { useTranslation } from "react-i18next";
import { changeValueText, describeChanges } from "../../lib/audit-changes";
import type { RouterOutputs } from "../../lib/trpc";
import { useLocale } from "../../lib/use-locale";

type AuditEvent = RouterOutputs["audit"]["list"]["items"][number];

/** Actions the API records today; unknown ones still show, under their code. */
export const AUDIT_ACTIONS = [
  "invitation.created",
  "invitation.revoked",
  "invitation.accepted",
  "member.role_changed",
  "member.removed",
  "member.suspended",
  "member.reactivated",
  "commune.updated",
] as const;
type KnownAction = (typeof AUDIT_ACTIONS)[number];
const isKnownAction = (a: string): a is KnownAction => (AUDIT_ACTIONS as readonly string[]).includes(a);

const FIELDS = [
  "role",
  "email",
  "newAccount",
  "displayName",
  "contactEmail",
  "websiteUrl",
  "defaultLocale",
  "reason",
  "suspendedSince",
] as const;
type KnownField = (typeof FIELDS)[number];
const isKnownField = (f: string): f is KnownField => (FIELDS as readonly string[]).includes(f);

export function AuditRow({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const locale = useLocale();

  /** Roles and yes/no in words; everything else as recorded. */
  function valueText(value: unknown): string {
    const text = changeValueText(value);
    if (text === null) return t("common.none");
    if ((MEMBERSHIP_ROLES as readonly string[]).includes(text))
      return t(`roles.${text as (typeof MEMBERSHIP_ROLES)[number]}`);
    if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
    return text;
  }

  return (
    <tr>
      <td>
        <time dateTime={event.createdAt}>{formatDateTime(event.createdAt, locale)}</time>
      </td>
      <td>
        {event.actorName ?? t("audit.formerMember")}
        {event.actorEmail && <span className="muted block">{event.actorEmail}</span>}
      </td>
      <td>{isKnownAction(event.action) ? t(`audit.actions.${event.action}`) : event.action}</td>
      <td>
        <ul className="changes">
          {describeChanges(event.changes).map((line) => (
            <li key={line.field}>
              <span className="change-field">
                {isKnownField(line.field) ? t(`audit.fields.${line.field}`) : line.field}:
              </span>{" "}
              {"value" in line
                ? valueText(line.value)
                : t("audit.fromTo", { from: valueText(line.from), to: valueText(line.to) })}
            </li>
          ))}
        </ul>
      </td>
    </tr>
  );
}
