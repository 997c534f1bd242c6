import { LOCALES, type Locale } from "@ciar/domain/roles";
import { zUpdateCommuneInput } from "@ciar/domain/schemas/communes";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "../../components/Field";
import { ErrorNotice } from "../../components/StatusMessages";
import { serverFieldErrors, type FieldErrors } from "../../lib/api-errors";
import { useAccountTRPC, useCommuneTRPC } from "../../lib/trpc";
import { mergeFieldErrors, zodFieldErrors } from "../../lib/validation";
import { settingsPatch, type SettingsValues } from "./settings-patch";
import type { CommuneDetails } from "./SettingsPage";

export function SettingsForm({ commune }: { commune: CommuneDetails }) {
  const { t } = useTranslation();
  const trpc = useCommuneTRPC();
  const account = useAccountTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<SettingsValues>({
    displayName: commune.displayName ?? "",
    contactEmail: commune.contactEmail ?? "",
    websiteUrl: commune.websiteUrl ?? "",
    defaultLocale: commune.defaultLocale === "en" ? "en" : "es",
  });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [unchanged, setUnchanged] = useState(false);
  const update = useMutation(
    trpc.communes.update.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.communes.get.queryKey(), saved);
        // The display name shows in the commune switcher (auth.me) and the change in the audit log.
        void queryClient.invalidateQueries({ queryKey: account.auth.me.queryKey() });
        void queryClient.invalidateQueries(trpc.audit.pathFilter());
      },
    }),
  );

  const set = (field: keyof SettingsValues) => (event: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: event.target.value }));
    setUnchanged(false);
    update.reset();
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const patch = settingsPatch(commune, values);
    if (Object.keys(patch).length === 0) return setUnchanged(true);
    const parsed = zUpdateCommuneInput.safeParse(patch);
    if (!parsed.success) return setClientErrors(zodFieldErrors(parsed.error, (key, v) => t(key, v)));
    setClientErrors({});
    update.mutate(parsed.data);
  }

  const errors = mergeFieldErrors(clientErrors, serverFieldErrors(update.error));
  const formError = update.error && Object.keys(serverFieldErrors(update.error)).length === 0;
  return (
    <section aria-labelledby="settings-heading" className="section card">
      <h2 id="settings-heading">{t("settings.settingsHeading")}</h2>
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          label={t("settings.displayName")}
          hint={t("settings.displayNameHint", { name: commune.name })}
          value={values.displayName}
          onChange={set("displayName")}
          errors={errors.displayName}
        />
        <TextField
          label={t("settings.contactEmail")}
          type="email"
          value={values.contactEmail}
          onChange={set("contactEmail")}
          errors={errors.contactEmail}
        />
        <TextField
          label={t("settings.websiteUrl")}
          type="url"
          hint={t("settings.websiteHint")}
          value={values.websiteUrl}
          onChange={set("websiteUrl")}
          errors={errors.websiteUrl}
        />
        <SelectField
          label={t("settings.defaultLocale")}
          value={values.defaultLocale}
          onChange={set("defaultLocale")}
          errors={errors.defaultLocale}
        >
          {LOCALES.map((l: Locale) => (
            <option key={l} value={l}>
              {t(`language.${l}`)}
            </option>
          ))}
        </SelectField>
        <div aria-live="polite">
          {update.isSuccess && <p className="notice notice-success">{t("settings.saved")}</p>}
          {unchanged && <p className="notice notice-info">{t("settings.unchanged")}</p>}
        </div>
        {formError ? <ErrorNotice error={update.error} /> : null}
        <button type="submit" className="button primary" disabled={update.isPending}>
          {update.isPending ? t("common.working") : t("settings.save")}
        </button>
      </form>
    </section>
  );
}
