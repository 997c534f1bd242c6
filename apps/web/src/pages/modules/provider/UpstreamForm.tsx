import { zSetUpstreamInput } from "@ciar/domain/schemas/modules";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { CopyField } from "../../../components/CopyField";
import { TextField } from "../../../components/Field";
import { ErrorNotice } from "../../../components/StatusMessages";
import { serverFieldErrors, type FieldErrors } from "../../../lib/api-errors";
import { useCommuneTRPC } from "../../../lib/trpc";
import { mergeFieldErrors, zodFieldErrors } from "../../../lib/validation";
import type { ProviderModule } from "./module-form";
import { useModulesBusy, useProviderModulesCache } from "./use-provider-modules";

/** Where the module's service runs: private to the provider, called only by the gateway. */
export function UpstreamForm({ module }: { module: ProviderModule }) {
  const { t } = useTranslation();
  const trpc = useCommuneTRPC();
  const cache = useProviderModulesCache();
  const busy = useModulesBusy();
  const [upstreamUrl, setUpstreamUrl] = useState(module.upstreamUrl ?? "");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const save = useMutation(
    trpc.modules.setUpstream.mutationOptions({
      onSuccess: async (updated) => {
        cache.store(updated);
        await cache.invalidate();
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = zSetUpstreamInput.safeParse({ id: module.id, upstreamUrl });
    if (!parsed.success)
      return setClientErrors(zodFieldErrors(parsed.error, (key, values) => t(key, values)));
    setClientErrors({});
    save.mutate(parsed.data);
  }

  const errors = mergeFieldErrors(clientErrors, serverFieldErrors(save.error));
  return (
    <section className="section" aria-labelledby="module-upstream">
      <h2 id="module-upstream">{t("moduleEditor.upstreamHeading")}</h2>
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          label={t("moduleEditor.upstreamUrl")}
          hint={t("moduleEditor.upstreamHint")}
          type="url"
          inputMode="url"
          value={upstreamUrl}
          onChange={(e) => {
            setUpstreamUrl(e.target.value);
            save.reset();
          }}
          errors={errors.upstreamUrl}
          maxLength={500}
          autoCapitalize="none"
          spellCheck={false}
        />
        {save.error && !errors.upstreamUrl ? <ErrorNotice error={save.error} /> : null}
        {save.isSuccess && (
          <p className="notice notice-success" role="status">
            {t("moduleEditor.upstreamSaved")}
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="button primary" disabled={busy}>
            {save.isPending ? t("common.working") : t("moduleEditor.saveUpstream")}
          </button>
        </div>
      </form>
      <SigningSecret moduleId={module.id} />
    </section>
  );
}

/**
 * The gateway's signing secret for the module: shown once, just after the module is created (handed
 * over in the navigation state by CreateModuleForm) or after a rotation; never fetched again.
 */
function SigningSecret({ moduleId }: { moduleId: string }) {
  const { t } = useTranslation();
  const trpc = useCommuneTRPC();
  const busy = useModulesBusy();
  const created = (useLocation().state as { signingSecret?: string } | null)?.signingSecret;
  const rotate = useMutation(trpc.modules.rotateSigningSecret.mutationOptions());
  const secret = rotate.data?.signingSecret ?? created;
  return (
    <div aria-labelledby="module-signing-secret">
      <h3 id="module-signing-secret">{t("moduleEditor.signingSecretHeading")}</h3>
      <p className="field-hint">{t("moduleEditor.signingSecretHint")}</p>
      {secret ? (
        <>
          <p className="notice notice-warning" role="alert">
            {t("moduleEditor.signingSecretShowOnce")}
          </p>
          <CopyField label={t("moduleEditor.signingSecret")} value={secret} />
        </>
      ) : null}
      {rotate.error ? <ErrorNotice error={rotate.error} /> : null}
      <p className="field-hint">{t("moduleEditor.rotateSigningSecretWarning")}</p>
      <div className="button-row">
        <button
          type="button"
          className="button secondary"
          disabled={busy || rotate.isPending}
          onClick={() => rotate.mutate({ id: moduleId })}
        >
          {rotate.isPending ? t("common.working") : t("moduleEditor.rotateSigningSecret")}
        </button>
      </div>
    </div>
  );
}
