import { zCreateModuleInput } from "@ciar/domain/schemas/modules";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { TextField } from "../../../components/Field";
import { ErrorNotice } from "../../../components/StatusMessages";
import type { FieldErrors } from "../../../lib/api-errors";
import { useCommune } from "../../../lib/commune";
import { useCommuneTRPC } from "../../../lib/trpc";
import { mergeFieldErrors, zodFieldErrors } from "../../../lib/validation";
import { isFormLevelError, moduleFieldErrors } from "./module-errors";
import { emptyModuleForm, suggestSlug, type ModuleForm } from "./module-form";
import { ModuleFields } from "./ModuleFields";
import { providerModulePath } from "./paths";
import { useProviderModulesCache } from "./use-provider-modules";

/** A new module, as a draft, from one of the commune's use cases; then on to its edit view. */
export function CreateModuleForm() {
  const { t } = useTranslation();
  const commune = useCommune();
  const trpc = useCommuneTRPC();
  const navigate = useNavigate();
  const cache = useProviderModulesCache();
  const [form, setForm] = useState<ModuleForm>(emptyModuleForm);
  const [upstreamUrl, setUpstreamUrl] = useState("");
  // The slug follows the name until someone writes one of their own.
  const [slugEdited, setSlugEdited] = useState(false);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const create = useMutation(
    trpc.modules.create.mutationOptions({
      onSuccess: async ({ signingSecret, ...module }) => {
        cache.store(module);
        void cache.invalidate(); // a background refetch: the new module is already in the cache
        // Shown once, on the module's page (UpstreamForm), and never kept in the cache.
        await navigate(providerModulePath(commune.code, module.id), { state: { signingSecret } });
      },
    }),
  );

  function update(patch: Partial<ModuleForm>) {
    if (patch.slug !== undefined) setSlugEdited(true);
    setForm((current) => {
      const next = { ...current, ...patch };
      if (patch.name !== undefined && patch.slug === undefined && !slugEdited)
        next.slug = suggestSlug(patch.name);
      return next;
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    // The API's own schema: most mistakes are pointed out before anything is sent.
    const parsed = zCreateModuleInput.safeParse({ ...form, upstreamUrl });
    if (!parsed.success)
      return setClientErrors(zodFieldErrors(parsed.error, (key, values) => t(key, values)));
    setClientErrors({});
    create.mutate(parsed.data);
  }

  const errors = mergeFieldErrors(clientErrors, moduleFieldErrors(create.error));
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ModuleFields form={form} update={update} errors={errors} />
      <TextField
        label={t("moduleEditor.upstreamUrl")}
        hint={t("moduleEditor.upstreamHint")}
        type="url"
        inputMode="url"
        value={upstreamUrl}
        onChange={(e) => setUpstreamUrl(e.target.value)}
        errors={errors.upstreamUrl}
        maxLength={500}
        autoCapitalize="none"
        spellCheck={false}
      />
      {hasErrors && (
        <p className="field-error" role="alert">
          {t("moduleEditor.fixErrors")}
        </p>
      )}
      {isFormLevelError(create.error) ? <ErrorNotice error={create.error} /> : null}
      <div className="button-row">
        <button type="submit" className="button primary" disabled={create.isPending}>
          {create.isPending ? t("common.working") : t("moduleEditor.create")}
        </button>
      </div>
    </form>
  );
}
