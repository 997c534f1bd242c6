import type { FrameworkDimension } from "@ciar/domain/progress/framework";
import { MILESTONE_STATUSES, type MilestoneStatus } from "@ciar/domain/progress/milestones";
import { zCreateMilestoneInput } from "@ciar/domain/schemas/milestones";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { SelectField, TextAreaField, TextField } from "../../components/Field";
import { ErrorNotice } from "../../components/StatusMessages";
import { serverFieldErrors, type FieldErrors } from "../../lib/api-errors";
import { localized } from "../../lib/localized";
import { useProgressLabels } from "../../lib/progress-labels";
import { useCommuneTRPC } from "../../lib/trpc";
import { useLocale } from "../../lib/use-locale";
import { mergeFieldErrors, zodFieldErrors } from "../../lib/validation";
import type { Milestone } from "./RoadmapPage";

/** Adds a milestone, or edits the one given (its heading takes focus, so the edit is noticed). */
export function MilestoneForm({
  milestone,
  dimensions,
  onDone,
}: {
  milestone: Milestone | null;
  dimensions: readonly FrameworkDimension[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useProgressLabels();
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  const heading = useRef<HTMLHeadingElement>(null);
  const [title, setTitle] = useState(milestone?.title ?? "");
  const [description, setDescription] = useState(milestone?.description ?? "");
  const [dimensionCode, setDimensionCode] = useState(milestone?.dimensionCode ?? "");
  const [dueDate, setDueDate] = useState(milestone?.dueDate ?? "");
  const [status, setStatus] = useState<MilestoneStatus>(milestone?.status ?? "planned");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const onSuccess = async () => {
    await queryClient.invalidateQueries(trpc.milestones.pathFilter());
    setTitle("");
    setDescription("");
    setDimensionCode("");
    setDueDate("");
    setStatus("planned");
    onDone();
  };
  const create = useMutation(trpc.milestones.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.milestones.update.mutationOptions({ onSuccess }));
  const pending = create.isPending || update.isPending;
  const error = create.error ?? update.error;

  useEffect(() => {
    if (milestone) heading.current?.focus();
  }, [milestone]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = zCreateMilestoneInput.safeParse({
      title,
      description,
      dimensionCode: dimensionCode || null,
      dueDate,
      status,
    });
    if (!parsed.success)
      return setClientErrors(zodFieldErrors(parsed.error, (key, values) => t(key, values)));
    setClientErrors({});
    if (milestone) update.mutate({ id: milestone.id, ...parsed.data });
    else create.mutate(parsed.data);
  }

  const errors = mergeFieldErrors(clientErrors, serverFieldErrors(error));
  return (
    <section className="section card" aria-labelledby="milestone-form">
      <h2 id="milestone-form" ref={heading} tabIndex={-1}>
        {milestone ? t("roadmap.editHeading", { title: milestone.title }) : t("roadmap.createHeading")}
      </h2>
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          label={t("roadmap.milestone")}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          errors={errors.title}
        />
        <TextAreaField
          label={t("platform.description")}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          errors={errors.description}
          rows={2}
        />
        <SelectField
          label={t("assessments.dimension")}
          value={dimensionCode}
          onChange={(e) => setDimensionCode(e.target.value)}
          errors={errors.dimensionCode}
        >
          <option value="">{t("roadmap.noDimension")}</option>
          {dimensions.map((d) => (
            <option key={d.code} value={d.code}>
              {localized(d.title, locale)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("roadmap.dueDate")}
          type="date"
          value={dueDate}
          onChange={(e) => setDueDate(e.target.value)}
          errors={errors.dueDate}
        />
        <SelectField
          label={t("assessments.status")}
          value={status}
          onChange={(e) => setStatus(e.target.value as MilestoneStatus)}
        >
          {MILESTONE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {labels.milestoneStatus(s)}
            </option>
          ))}
        </SelectField>
        {error && Object.keys(serverFieldErrors(error)).length === 0 ? <ErrorNotice error={error} /> : null}
        <div className="button-row">
          <button type="submit" className="button primary" disabled={pending}>
            {pending ? t("common.working") : milestone ? t("groups.save") : t("roadmap.create")}
          </button>
          {milestone && (
            <button type="button" className="button secondary" onClick={onDone}>
              {t("common.cancel")}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
