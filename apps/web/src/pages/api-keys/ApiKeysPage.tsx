import { formatDateTime } from "@ciar/domain/format";
import { zCreateApiKeyInput } from "@ciar/domain/schemas/modules";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { CheckboxGroup } from "../../components/CheckboxGroup";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { CopyField } from "../../components/CopyField";
import { TextField } from "../../components/Field";
import { EmptyState, ErrorNotice, Loading } from "../../components/StatusMessages";
import { serverFieldErrors, type FieldErrors } from "../../lib/api-errors";
import { useCommuneTRPC, type RouterOutputs } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useLocale } from "../../lib/use-locale";
import { mergeFieldErrors, zodFieldErrors } from "../../lib/validation";

type ApiKey = RouterOutputs["apiKeys"]["list"][number];

/** /c/:cut/claves-api: keys for calling subscribed modules through the gateway. */
export function ApiKeysPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("apiKeys.title"));
  const trpc = useCommuneTRPC();
  const list = useQuery(trpc.apiKeys.list.queryOptions());
  const [created, setCreated] = useState<{ key: string; slug: string | null } | null>(null);
  return (
    <>
      <h1>{t("apiKeys.title")}</h1>
      <p className="lead">{t("apiKeys.lead")}</p>
      {created ? (
        <CreatedKey created={created} onDone={() => setCreated(null)} />
      ) : (
        <CreateKeyForm onCreated={setCreated} />
      )}
      <section className="section" aria-labelledby="api-keys-list">
        <h2 id="api-keys-list">{t("apiKeys.listHeading")}</h2>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.length === 0 ? (
          <EmptyState title={t("apiKeys.empty")} />
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("apiKeys.listHeading")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("apiKeys.name")}</th>
                  <th scope="col">{t("apiKeys.prefix")}</th>
                  <th scope="col">{t("apiKeys.modules")}</th>
                  <th scope="col">{t("apiKeys.createdAt")}</th>
                  <th scope="col">{t("apiKeys.lastUsed")}</th>
                  <th scope="col">{t("apiKeys.state")}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((k) => (
                  <KeyRow key={k.id} apiKey={k} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function KeyRow({ apiKey: k }: { apiKey: ApiKey }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState(false);
  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({
      onSuccess: () => {
        setConfirm(false);
        void queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
      },
    }),
  );
  return (
    <tr>
      <th scope="row">{k.name}</th>
      <td>
        <code>{k.prefix}</code>
      </td>
      <td>{k.modules.map((m) => m.name).join(", ") || "—"}</td>
      <td>{formatDateTime(k.createdAt, locale)}</td>
      <td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt, locale) : t("apiKeys.neverUsed")}</td>
      <td>
        {k.revokedAt ? (
          t("apiKeys.revokedAt", { date: formatDateTime(k.revokedAt, locale) })
        ) : (
          <>
            {t("apiKeys.activeKey")}{" "}
            <button type="button" className="button danger" onClick={() => setConfirm(true)}>
              {t("apiKeys.revoke")}
              <span className="visually-hidden"> {k.name}</span>
            </button>
            <ConfirmDialog
              open={confirm}
              title={t("apiKeys.revokeTitle")}
              confirmLabel={t("apiKeys.revoke")}
              pending={revoke.isPending}
              error={revoke.error}
              onConfirm={() => revoke.mutate({ id: k.id })}
              onCancel={() => setConfirm(false)}
            >
              <p>{t("apiKeys.revokeText", { name: k.name, prefix: k.prefix })}</p>
            </ConfirmDialog>
          </>
        )}
      </td>
    </tr>
  );
}

function CreateKeyForm({
  onCreated,
}: {
  onCreated: (created: { key: string; slug: string | null }) => void;
}) {
  const { t } = useTranslation();
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  const mine = useQuery(trpc.subscriptions.mine.queryOptions());
  const [name, setName] = useState("");
  const [moduleIds, setModuleIds] = useState<string[]>([]);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const modules = new Map<string, { id: string; slug: string; name: string }>();
  for (const s of mine.data ?? []) {
    if (s.status !== "canceled" && s.module.status === "published") modules.set(s.module.id, s.module);
  }
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: (result) => {
        const first = modules.get(result.apiKey.moduleIds[0] ?? "");
        onCreated({ key: result.key, slug: first?.slug ?? null });
        void queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = zCreateApiKeyInput.safeParse({ name, moduleIds });
    if (!parsed.success)
      return setClientErrors(zodFieldErrors(parsed.error, (key, values) => t(key, values)));
    setClientErrors({});
    create.mutate(parsed.data);
  }

  const errors = mergeFieldErrors(clientErrors, serverFieldErrors(create.error));
  const formError = create.error && Object.keys(serverFieldErrors(create.error)).length === 0;
  return (
    <section className="section" aria-labelledby="api-keys-create">
      <h2 id="api-keys-create">{t("apiKeys.createHeading")}</h2>
      {mine.isPending ? (
        <Loading />
      ) : mine.isError ? (
        <ErrorNotice error={mine.error} onRetry={() => void mine.refetch()} />
      ) : modules.size === 0 ? (
        <p>{t("apiKeys.noModules")}</p>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          <TextField
            label={t("apiKeys.name")}
            hint={t("apiKeys.nameHint")}
            value={name}
            onChange={(e) => setName(e.target.value)}
            errors={errors.name}
          />
          <CheckboxGroup
            legend={t("apiKeys.modules")}
            options={[...modules.values()].map((m) => ({ value: m.id, label: m.name }))}
            value={moduleIds}
            onChange={setModuleIds}
            errors={errors.moduleIds}
          />
          <button type="submit" className="button primary" disabled={create.isPending}>
            {create.isPending ? t("common.working") : t("apiKeys.create")}
          </button>
          {formError ? <ErrorNotice error={create.error} /> : null}
        </form>
      )}
    </section>
  );
}

function CreatedKey({
  created,
  onDone,
}: {
  created: { key: string; slug: string | null };
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const curl = `curl -X POST -H "Authorization: Bearer ${t("apiKeys.keyPlaceholder")}" -H "Content-Type: application/json" ${window.location.origin}/modules/${created.slug ?? "<slug>"}/revisar -d '{...}'`;
  return (
    <section className="section" aria-labelledby="api-keys-created">
      <h2 id="api-keys-created">{t("apiKeys.createdHeading")}</h2>
      <p className="notice notice-warning" role="alert">
        {t("apiKeys.showOnceWarning")}
      </p>
      <CopyField label={t("apiKeys.key")} value={created.key} />
      <h3>{t("apiKeys.exampleHeading")}</h3>
      <pre className="preformatted">
        <code>{curl}</code>
      </pre>
      <button type="button" className="button secondary" onClick={onDone}>
        {t("apiKeys.done")}
      </button>
    </section>
  );
}
