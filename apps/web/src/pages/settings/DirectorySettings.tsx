import { MEMBERSHIP_ROLES, type MembershipRole } from "@ciar/domain/roles";
import { DIRECTORY_KINDS, zSaveDirectoryInput, type DirectoryKind } from "@ciar/domain/schemas/directory";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "../../components/Field";
import { CopyField } from "../../components/CopyField";
import { ErrorNotice, Loading } from "../../components/StatusMessages";
import { serverFieldErrors, type FieldErrors } from "../../lib/api-errors";
import { useCommuneTRPC, type RouterOutputs } from "../../lib/trpc";
import { mergeFieldErrors, zodFieldErrors } from "../../lib/validation";

type Directory = RouterOutputs["directory"]["get"];

/** Where each kind's issuer usually lives (a hint; the admin types the commune's own). */
const ISSUER_EXAMPLES: Record<DirectoryKind, string> = {
  entra: "https://login.microsoftonline.com/<tenant-id>/v2.0",
  google: "https://accounts.google.com",
  keycloak: "https://sso.municipio.cl/realms/<realm>",
  claveunica: "https://accounts.claveunica.gob.cl/openid",
};

/** The commune's directory (OpenID Connect): its admins connect it, test it and choose who may use passwords. */
export function DirectorySettings() {
  const trpc = useCommuneTRPC();
  const directory = useQuery(trpc.directory.get.queryOptions());
  if (directory.isPending) return <Loading />;
  if (directory.isError)
    return <ErrorNotice error={directory.error} onRetry={() => void directory.refetch()} />;
  return <DirectoryForm directory={directory.data} />;
}

function DirectoryForm({ directory }: { directory: Directory }) {
  const { t } = useTranslation();
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  const current = directory.provider;
  const [kind, setKind] = useState<DirectoryKind>(current?.kind ?? "entra");
  const [issuerUrl, setIssuerUrl] = useState(current?.issuerUrl ?? "");
  const [clientId, setClientId] = useState(current?.clientId ?? "");
  const [clientSecret, setClientSecret] = useState("");
  const [domains, setDomains] = useState(current?.allowedDomains.join(", ") ?? "");
  const [defaultRole, setDefaultRole] = useState<MembershipRole>(current?.defaultRole ?? "viewer");
  const [enabled, setEnabled] = useState(current?.enabled ?? false);
  const [passwordOff, setPasswordOff] = useState(current?.passwordSignInDisabled ?? false);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});

  const save = useMutation(
    trpc.directory.save.mutationOptions({
      onSuccess: async () => {
        setClientSecret("");
        await queryClient.invalidateQueries({ queryKey: trpc.directory.get.queryKey() });
      },
    }),
  );
  const test = useMutation(trpc.directory.test.mutationOptions());

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = zSaveDirectoryInput.safeParse({
      kind,
      issuerUrl: issuerUrl.trim(),
      clientId,
      clientSecret: clientSecret || undefined,
      allowedDomains: domains
        .split(/[\s,;]+/)
        .map((d) => d.trim())
        .filter(Boolean),
      defaultRole,
      enabled,
      passwordSignInDisabled: enabled && passwordOff,
    });
    if (!parsed.success)
      return setClientErrors(zodFieldErrors(parsed.error, (key, values) => t(key, values)));
    setClientErrors({});
    save.mutate(parsed.data);
  }

  const errors = mergeFieldErrors(clientErrors, serverFieldErrors(save.error));
  const formError = save.error && Object.keys(serverFieldErrors(save.error)).length === 0;
  return (
    <section aria-labelledby="directory-heading" className="section card">
      <h2 id="directory-heading">{t("directory.heading")}</h2>
      <p className="field-hint">{t("directory.lead")}</p>
      <CopyField label={t("directory.redirectUri")} value={directory.redirectUri} />
      <form className="form" onSubmit={submit} noValidate>
        <SelectField
          label={t("directory.kind")}
          value={kind}
          onChange={(e) => setKind(e.target.value as DirectoryKind)}
        >
          {DIRECTORY_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`directory.kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("directory.issuerUrl")}
          type="url"
          hint={t("directory.issuerHint", { example: ISSUER_EXAMPLES[kind] })}
          value={issuerUrl}
          onChange={(e) => setIssuerUrl(e.target.value)}
          errors={errors.issuerUrl}
        />
        <TextField
          label={t("directory.clientId")}
          value={clientId}
          onChange={(e) => setClientId(e.target.value)}
          errors={errors.clientId}
        />
        <TextField
          label={t("directory.clientSecret")}
          type="password"
          autoComplete="off"
          hint={current?.clientSecretSet ? t("directory.secretSet") : t("directory.secretNotSet")}
          value={clientSecret}
          onChange={(e) => setClientSecret(e.target.value)}
          errors={errors.clientSecret}
        />
        <TextField
          label={t("directory.allowedDomains")}
          hint={t("directory.allowedDomainsHint")}
          value={domains}
          onChange={(e) => setDomains(e.target.value)}
          errors={errors.allowedDomains}
        />
        <SelectField
          label={t("directory.defaultRole")}
          hint={t("directory.defaultRoleHint")}
          value={defaultRole}
          onChange={(e) => setDefaultRole(e.target.value as MembershipRole)}
        >
          {MEMBERSHIP_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </SelectField>
        <div className="field checkbox-field">
          <input
            id="directory-enabled"
            type="checkbox"
            checked={enabled}
            onChange={(e) => setEnabled(e.target.checked)}
          />
          <label htmlFor="directory-enabled">{t("directory.enabled")}</label>
        </div>
        <div className="field checkbox-field">
          <input
            id="directory-password-off"
            type="checkbox"
            checked={enabled && passwordOff}
            disabled={!enabled}
            onChange={(e) => setPasswordOff(e.target.checked)}
          />
          <label htmlFor="directory-password-off">{t("directory.passwordOff")}</label>
        </div>
        <p className="field-hint">{t("directory.passwordOffHint")}</p>
        <div aria-live="polite">
          {save.isSuccess && <p className="notice notice-success">{t("directory.saved")}</p>}
          {test.data?.ok === true && <p className="notice notice-success">{t("directory.testOk")}</p>}
          {test.data?.ok === false && (
            <p className="notice notice-error">{t(`directory.testFailures.${test.data.reason}`)}</p>
          )}
        </div>
        {formError ? <ErrorNotice error={save.error} /> : null}
        {test.error ? <ErrorNotice error={test.error} /> : null}
        <div className="actions">
          <button type="submit" className="button primary" disabled={save.isPending}>
            {save.isPending ? t("common.working") : t("directory.save")}
          </button>{" "}
          <button
            type="button"
            className="button"
            disabled={test.isPending || !issuerUrl.trim()}
            onClick={() => test.mutate({ issuerUrl: issuerUrl.trim() })}
          >
            {test.isPending ? t("common.working") : t("directory.test")}
          </button>
        </div>
      </form>
    </section>
  );
}
