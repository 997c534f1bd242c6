import { MEMBERSHIP_ROLES, type MembershipRole } from "@ciar/domain/roles";
import { zInviteMemberInput } from "@ciar/domain/schemas/members";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "../../components/Field";
import { ErrorNotice } from "../../components/StatusMessages";
import { serverFieldErrors, type FieldErrors } from "../../lib/api-errors";
import { useCommuneTRPC } from "../../lib/trpc";
import { mergeFieldErrors, zodFieldErrors } from "../../lib/validation";
import type { Invited } from "./InviteSection";
import { useInvalidateMembers } from "./use-invalidate";

export function InviteForm({ onInvited }: { onInvited: (invited: Invited) => void }) {
  const { t } = useTranslation();
  const trpc = useCommuneTRPC();
  const invalidate = useInvalidateMembers();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<MembershipRole>("viewer");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const invite = useMutation(
    trpc.members.invite.mutationOptions({
      onSuccess: (invited) => {
        onInvited(invited);
        setEmail("");
        void invalidate({ invitations: true });
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    // The same schema the API validates with: most mistakes never leave the browser.
    const parsed = zInviteMemberInput.safeParse({ email, role });
    if (!parsed.success)
      return setClientErrors(zodFieldErrors(parsed.error, (key, values) => t(key, values)));
    setClientErrors({});
    invite.mutate(parsed.data);
  }

  const errors = mergeFieldErrors(clientErrors, serverFieldErrors(invite.error));
  const formError = invite.error && Object.keys(serverFieldErrors(invite.error)).length === 0;
  return (
    <form className="form inline-form" onSubmit={submit} noValidate>
      <TextField
        label={t("invite.email")}
        type="email"
        autoComplete="off"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        errors={errors.email}
      />
      <SelectField
        label={t("invite.role")}
        value={role}
        onChange={(e) => setRole(e.target.value as MembershipRole)}
        errors={errors.role}
      >
        {MEMBERSHIP_ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button primary" disabled={invite.isPending}>
        {invite.isPending ? t("common.working") : t("invite.submit")}
      </button>
      <p className="field-hint form-note">{t("invite.roleHint")}</p>
      {formError ? <ErrorNotice error={invite.error} /> : null}
    </form>
  );
}
