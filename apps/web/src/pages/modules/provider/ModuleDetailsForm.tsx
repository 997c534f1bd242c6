import { zUpdateModuleInput } from "@ciar/domain/schemas/modules";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorNotice } from "../../../components/StatusMessages";
import type { FieldErrors } from "../../../lib/api-errors";
import { useCommuneTRPC } from "../../../lib/trpc";
import { mergeFieldErrors, zodFieldErrors } from "../../../lib/validation";
import { isFormLevelError, moduleFieldErrors } from "./module-errors";
import { changedModuleFields, moduleFormFrom, type ModuleForm, type ProviderModule } from "./module-form";
import { ModuleFields } from "./ModuleFields";
import { useModulesBusy, useProviderModulesCache } from "./use-provider-modules";

/** The module's catalog fields; only what changed is sent. */
export function ModuleDetailsForm({ module }: { module: ProviderModule }) {
  const { t } = useTranslation();
  const trpc = useCommuneTRPC();
  const cache = useProviderModulesCache();
  const busy = useModulesBusy();
  const [form, setForm] = useState<ModuleForm>(() => moduleFormFrom(module));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const save = useMutation(
    trpc.modules.update.mutationOptions({
      onSuccess: async (updated) => {
        cache.store(updated);
        setForm(moduleFormFrom(updated));
        await cache.invalidate();
      },
    }),
  );

  function update(patch: Partial<ModuleForm>) {
    setForm((current) => ({ ...current, ...patch }));
    save.reset();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = zUpdateModuleInput.safeParse({ id: module.id, ...changedModuleFields(module, form) });
    if (!parsed.success)
      return setClientErrors(zodFieldErrors(parsed.error, (key, values) => t(key, values)));
    setClientErrors({});
    save.mutate(parsed.data);
  }

  const errors = mergeFieldErrors(clientErrors, moduleFieldErrors(save.error));
  return (
    <section className="section" aria-labelledby="module-details">
      <h2 id="module-details">{t("moduleEditor.detailsHeading")}</h2>
      <form className="form" onSubmit={submit} noValidate>
        <ModuleFields
          form={form}
          update={update}
          errors={errors}
          slugLocked={module.status !== "draft"}
          useCaseTitle={module.useCase.title}
        />
        {Object.keys(errors).length > 0 && (
          <p className="field-error" role="alert">
            {t("moduleEditor.fixErrors")}
          </p>
        )}
        {isFormLevelError(save.error) ? <ErrorNotice error={save.error} /> : null}
        {save.isSuccess && (
          <p className="notice notice-success" role="status">
            {t("moduleEditor.saved")}
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="button primary" disabled={busy}>
            {save.isPending ? t("common.working") : t("moduleEditor.saveDetails")}
          </button>
        </div>
      </form>
    </section>
  );
}
