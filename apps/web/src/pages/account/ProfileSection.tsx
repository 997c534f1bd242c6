import { zUpdateProfileInput } from "@ciar/domain/schemas/account";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "../../components/Field";
import { ErrorNotice } from "../../components/StatusMessages";
import { serverFieldErrors, type FieldErrors } from "../../lib/api-errors";
import { useMe } from "../../lib/session";
import { useAccountTRPC } from "../../lib/trpc";
import { mergeFieldErrors, zodFieldErrors } from "../../lib/validation";
import { AccountSection } from "./AccountSection";

/** Name and language: the language is the one e-mails are written in, and the UI switches to it. */
export function ProfileSection() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const trpc = useAccountTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(me.user.name);
  const [locale, setLocale] = useState<"es" | "en">(me.user.locale);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const update = useMutation(
    trpc.account.updateProfile.mutationOptions({
      onSuccess: async (saved) => {
        await i18n.changeLanguage(saved.locale);
        await queryClient.invalidateQueries(trpc.auth.me.queryFilter());
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = zUpdateProfileInput.safeParse({ name, locale });
    if (!parsed.success)
      return setClientErrors(zodFieldErrors(parsed.error, (key, values) => t(key, values)));
    setClientErrors({});
    update.mutate(parsed.data);
  }

  const errors = mergeFieldErrors(clientErrors, serverFieldErrors(update.error));
  return (
    <AccountSection id="perfil" titleKey="account.profile.title">
      <form className="form" onSubmit={submit} noValidate>
        <p>{t("account.profile.email", { email: me.user.email })}</p>
        <TextField
          label={t("account.profile.name")}
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          errors={errors.name}
        />
        <SelectField
          label={t("account.profile.language")}
          hint={t("account.profile.languageHint")}
          value={locale}
          onChange={(e) => setLocale(e.target.value === "en" ? "en" : "es")}
          errors={errors.locale}
        >
          <option value="es">{t("language.es")}</option>
          <option value="en">{t("language.en")}</option>
        </SelectField>
        {update.error && Object.keys(serverFieldErrors(update.error)).length === 0 ? (
          <ErrorNotice error={update.error} />
        ) : null}
        {update.isSuccess ? (
          <p className="notice notice-success" role="status">
            {t("account.profile.saved")}
          </p>
        ) : null}
        <button type="submit" className="button primary" disabled={update.isPending}>
          {update.isPending ? t("common.working") : t("account.profile.submit")}
        </button>
      </form>
    </AccountSection>
  );
}
