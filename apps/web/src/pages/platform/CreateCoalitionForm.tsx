import { zCreateCoalitionInput } from "@ciar/domain/schemas/coalitions";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { TextAreaField, TextField } from "../../components/Field";
import { ErrorNotice } from "../../components/StatusMessages";
import { serverFieldErrors, type FieldErrors } from "../../lib/api-errors";
import { platformCoalitionPath } from "../../lib/coalition-paths";
import { useAccountTRPC } from "../../lib/trpc";
import { mergeFieldErrors, zodFieldErrors } from "../../lib/validation";

const EMPTY = { slug: "", name: "", description: "", sourceUrl: "" };

/** A new coalition: checked with the API's schema first, then opened to add members. */
export function CreateCoalitionForm() {
  const { t } = useTranslation();
  const trpc = useAccountTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [form, setForm] = useState(EMPTY);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const create = useMutation(
    trpc.coalitions.create.mutationOptions({
      onSuccess: async (coalition) => {
        await queryClient.invalidateQueries(trpc.coalitions.pathFilter());
        await navigate(platformCoalitionPath(coalition.id));
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = zCreateCoalitionInput.safeParse({
      slug: form.slug,
      name: form.name,
      description: form.description,
      sourceUrl: form.sourceUrl.trim() || null,
    });
    if (!parsed.success)
      return setClientErrors(zodFieldErrors(parsed.error, (key, values) => t(key, values)));
    setClientErrors({});
    create.mutate(parsed.data);
  }

  const errors = mergeFieldErrors(clientErrors, serverFieldErrors(create.error));
  const set = (field: keyof typeof EMPTY) => (e: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [field]: e.target.value }));
  return (
    <section className="section card" aria-labelledby="create-coalition">
      <h2 id="create-coalition">{t("platform.createHeading")}</h2>
      <form className="form" onSubmit={submit} noValidate>
        <TextField label={t("platform.name")} value={form.name} onChange={set("name")} errors={errors.name} />
        <TextField
          label={t("platform.slug")}
          hint={t("platform.slugHint")}
          value={form.slug}
          onChange={set("slug")}
          errors={errors.slug}
          spellCheck={false}
        />
        <TextAreaField
          label={t("platform.description")}
          value={form.description}
          onChange={set("description")}
          errors={errors.description}
          rows={3}
        />
        <TextField
          label={t("platform.sourceUrl")}
          hint={t("platform.sourceUrlHint")}
          type="url"
          value={form.sourceUrl}
          onChange={set("sourceUrl")}
          errors={errors.sourceUrl}
        />
        {create.isError && Object.keys(serverFieldErrors(create.error)).length === 0 && (
          <ErrorNotice error={create.error} />
        )}
        <button type="submit" className="button primary" disabled={create.isPending}>
          {create.isPending ? t("common.working") : t("platform.create")}
        </button>
      </form>
    </section>
  );
}
