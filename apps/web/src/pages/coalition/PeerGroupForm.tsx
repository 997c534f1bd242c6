import { zCreatePeerGroupInput } from "@ciar/domain/schemas/comparisons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { CheckboxGroup } from "../../components/CheckboxGroup";
import { TextAreaField, TextField } from "../../components/Field";
import { ErrorNotice, Loading } from "../../components/StatusMessages";
import { serverFieldErrors, type FieldErrors } from "../../lib/api-errors";
import { useCoalition } from "../../lib/coalition";
import { useAccountTRPC } from "../../lib/trpc";
import { mergeFieldErrors, zodFieldErrors } from "../../lib/validation";
import type { PeerGroup } from "./PeerGroupsPage";

/** Creates a group, or edits the one given: name, description and member communes. */
export function PeerGroupForm({ group, onDone }: { group: PeerGroup | null; onDone: () => void }) {
  const { t } = useTranslation();
  const coalition = useCoalition();
  const trpc = useAccountTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.coalitions.get.queryOptions({ coalitionId: coalition.id }));
  const [name, setName] = useState(group?.name ?? "");
  const [description, setDescription] = useState(group?.description ?? "");
  const [communeIds, setCommuneIds] = useState<string[]>(group?.members.map((m) => m.communeId) ?? []);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const onSuccess = async () => {
    await queryClient.invalidateQueries(trpc.peerGroups.pathFilter());
    setName("");
    setDescription("");
    setCommuneIds([]);
    onDone();
  };
  const create = useMutation(trpc.peerGroups.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.peerGroups.update.mutationOptions({ onSuccess }));
  const pending = create.isPending || update.isPending;
  const error = create.error ?? update.error;

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = zCreatePeerGroupInput.safeParse({ name, description, communeIds });
    if (!parsed.success)
      return setClientErrors(zodFieldErrors(parsed.error, (key, values) => t(key, values)));
    setClientErrors({});
    if (group) update.mutate({ coalitionId: coalition.id, groupId: group.id, ...parsed.data });
    else create.mutate({ coalitionId: coalition.id, ...parsed.data });
  }

  const errors = mergeFieldErrors(clientErrors, serverFieldErrors(error));
  return (
    <section className="section card" aria-labelledby="group-form">
      <h2 id="group-form">
        {group ? t("groups.editHeading", { name: group.name }) : t("groups.createHeading")}
      </h2>
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          label={t("groups.name")}
          value={name}
          onChange={(e) => setName(e.target.value)}
          errors={errors.name}
        />
        <TextAreaField
          label={t("platform.description")}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          errors={errors.description}
          rows={2}
        />
        {members.isPending ? (
          <Loading />
        ) : members.isError ? (
          <ErrorNotice error={members.error} onRetry={() => void members.refetch()} />
        ) : (
          <CheckboxGroup
            legend={t("groups.communes")}
            options={members.data.members.map((m) => ({ value: m.id, label: `${m.name} (${m.region})` }))}
            value={communeIds}
            onChange={setCommuneIds}
            errors={errors.communeIds}
          />
        )}
        {error && Object.keys(serverFieldErrors(error)).length === 0 ? <ErrorNotice error={error} /> : null}
        <div className="button-row">
          <button type="submit" className="button primary" disabled={pending}>
            {pending ? t("common.working") : group ? t("groups.save") : t("groups.create")}
          </button>
          {group && (
            <button type="button" className="button secondary" onClick={onDone}>
              {t("common.cancel")}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
