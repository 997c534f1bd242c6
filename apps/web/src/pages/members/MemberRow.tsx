import { formatDateTime } from "@ciar/domain/format";
import { MEMBERSHIP_ROLES, type MembershipRole } from "@ciar/domain/roles";
import { useMutation } from "@tanstack/react-query";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { serverMessage } from "../../lib/api-errors";
import { useMe } from "../../lib/session";
import { useCommuneTRPC } from "../../lib/trpc";
import { useLocale } from "../../lib/use-locale";
import type { Member } from "./MembersTable";
import { ResetTwoStepButton } from "./ResetTwoStepButton";
import { useInvalidateMembers } from "./use-invalidate";

interface MemberRowProps {
  member: Member;
  manage: boolean;
  onRemove: () => void;
  /** Opens the suspend (or, for a suspended member, reactivate) dialog; absent without the right. */
  onSuspend?: (() => void) | undefined;
}

export function MemberRow({ member, manage, onRemove, onSuspend }: MemberRowProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const trpc = useCommuneTRPC();
  const invalidate = useInvalidateMembers();
  const roleId = useId();
  const isSelf = member.userId === me.user.id;
  const updateRole = useMutation(
    trpc.members.updateRole.mutationOptions({ onSuccess: () => invalidate({ members: true, self: isSelf }) }),
  );
  // While saving, show the role being set; on failure the select falls back to the stored role.
  const shownRole = updateRole.isPending ? updateRole.variables.role : member.role;

  return (
    <tr>
      <th scope="row">
        {member.name}
        {isSelf && <span className="muted"> {t("members.you")}</span>}
      </th>
      <td>{member.email}</td>
      <td>
        {manage ? (
          <>
            <label htmlFor={roleId} className="visually-hidden">
              {t("members.roleOf", { name: member.name })}
            </label>
            <select
              id={roleId}
              value={shownRole}
              disabled={updateRole.isPending}
              onChange={(e) =>
                updateRole.mutate({ userId: member.userId, role: e.target.value as MembershipRole })
              }
            >
              {MEMBERSHIP_ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`roles.${role}`)}
                </option>
              ))}
            </select>
            <span className="row-status" aria-live="polite">
              {updateRole.isSuccess ? t("members.roleSaved") : ""}
            </span>
            {updateRole.isError && (
              <p className="field-error" role="alert">
                {serverMessage(updateRole.error) ?? t("errors.network")}
              </p>
            )}
          </>
        ) : (
          t(`roles.${member.role}`)
        )}
      </td>
      <td>
        {member.suspendedAt ? (
          <>
            <span className="badge badge-suspended">{t("members.suspended")}</span>
            <span className="muted">
              {" "}
              {t("members.suspendedSince", { date: formatDateTime(member.suspendedAt, locale) })}
              {member.suspensionReason ? ` · ${member.suspensionReason}` : ""}
            </span>
          </>
        ) : (
          t("members.active")
        )}
      </td>
      <td>
        {member.lastLoginAt ? (
          formatDateTime(member.lastLoginAt, locale)
        ) : (
          <span className="muted">{t("members.never")}</span>
        )}
      </td>
      {manage && (
        <td>
          {onSuspend && !isSelf && (
            <button
              type="button"
              className="button secondary"
              onClick={onSuspend}
              aria-label={
                member.suspendedAt
                  ? t("members.reactivateNamed", { name: member.name })
                  : t("members.suspendNamed", { name: member.name })
              }
            >
              {member.suspendedAt ? t("members.reactivate") : t("members.suspend")}
            </button>
          )}{" "}
          <button
            type="button"
            className="button danger-quiet"
            onClick={onRemove}
            aria-label={t("members.removeNamed", { name: member.name })}
          >
            {t("members.remove")}
          </button>
          {!isSelf && <ResetTwoStepButton userId={member.userId} name={member.name} />}
        </td>
      )}
    </tr>
  );
}
