import { can, canSetStage } from "@ciar/domain/permissions";
import { STAGES, VISIBILITIES, type Stage, type Visibility } from "@ciar/domain/use-cases";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { SelectField } from "../../components/Field";
import { ErrorNotice } from "../../components/StatusMessages";
import { useCommune } from "../../lib/commune";
import { useCommuneTRPC } from "../../lib/trpc";
import type { UseCase } from "./UseCasePage";

/** Visibility (admins) and stage (retiring: admins only). Each change saves at once. */
export function StateSelects({ useCase }: { useCase: UseCase }) {
  const { t } = useTranslation();
  const commune = useCommune();
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries(trpc.pathFilter());
  const visibility = useMutation(trpc.useCases.setVisibility.mutationOptions({ onSuccess: refresh }));
  const stage = useMutation(trpc.useCases.setStage.mutationOptions({ onSuccess: refresh }));
  const stages = STAGES.filter((s) => s === useCase.stage || canSetStage(commune.role, s));
  const mayMove = can(commune.role, "useCases.write");

  return (
    <div className="state-selects">
      {can(commune.role, "useCases.publish") && (
        <SelectField
          label={t("useCase.visibility")}
          hint={t("useCase.visibilityHint")}
          value={visibility.isPending ? visibility.variables.visibility : useCase.visibility}
          disabled={visibility.isPending}
          onChange={(e) => visibility.mutate({ id: useCase.id, visibility: e.target.value as Visibility })}
        >
          {VISIBILITIES.map((v) => (
            <option key={v} value={v}>
              {t(`visibilities.${v}`)}
            </option>
          ))}
        </SelectField>
      )}
      {mayMove && (
        <SelectField
          label={t("useCase.stage")}
          value={stage.isPending ? stage.variables.stage : useCase.stage}
          disabled={stage.isPending}
          onChange={(e) => stage.mutate({ id: useCase.id, stage: e.target.value as Stage })}
        >
          {stages.map((s) => (
            <option key={s} value={s}>
              {t(`stages.${s}`)}
            </option>
          ))}
        </SelectField>
      )}
      <p className="field-hint" aria-live="polite">
        {visibility.isSuccess ? t("useCase.visibilitySaved") : stage.isSuccess ? t("useCase.stageSaved") : ""}
      </p>
      {visibility.isError && <ErrorNotice error={visibility.error} />}
      {stage.isError && <ErrorNotice error={stage.error} />}
    </div>
  );
}
