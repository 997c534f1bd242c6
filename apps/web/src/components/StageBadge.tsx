import { useTranslation } from "react-i18next";
import { useUseCaseLabels } from "../lib/use-case-labels";

/** The stage of a use case as a coloured label (colour is never the only cue: the text says it). */
export function StageBadge({ stage }: { stage: string }) {
  const { t } = useTranslation();
  const labels = useUseCaseLabels();
  return (
    <span className={`badge stage stage-${stage}`}>
      <span className="visually-hidden">{t("useCase.stage")}: </span>
      {labels.stage(stage)}
    </span>
  );
}
