import type { FrameworkDefinition } from "@ciar/domain/progress/framework";
import type { AssessmentScore } from "@ciar/domain/progress/scoring";
import { useTranslation } from "react-i18next";
import { formatScore } from "../../lib/format-score";
import { localized } from "../../lib/localized";
import { useLocale } from "../../lib/use-locale";

/**
 * The maturity index and each dimension's score (0–100), with how many questions count. In the
 * form it is a live preview; the index is announced politely as it changes.
 */
export function ScoreSummary({
  definition,
  score,
  live = false,
}: {
  definition: FrameworkDefinition;
  score: AssessmentScore;
  live?: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const show = (value: number | null) => (value === null ? "—" : formatScore(value, locale));
  return (
    <div className="score-summary card">
      <h2 className="score-heading">{live ? t("assessments.preview") : t("assessments.scores")}</h2>
      <p className="score-index" aria-live={live ? "polite" : undefined}>
        {t("assessments.index")}: <strong>{show(score.index)}</strong>
        <span className="muted"> / 100</span>
      </p>
      {score.index === null && <p className="field-hint">{t("assessments.indexPending")}</p>}
      <table className="compact-table">
        <caption className="visually-hidden">{t("assessments.scoresCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("assessments.dimension")}</th>
            <th scope="col">{t("assessments.score")}</th>
            <th scope="col">{t("assessments.answered")}</th>
          </tr>
        </thead>
        <tbody>
          {score.dimensions.map((d) => {
            const dimension = definition.dimensions.find((x) => x.code === d.code);
            return (
              <tr key={d.code}>
                <th scope="row">{dimension ? localized(dimension.title, locale) : d.code}</th>
                <td>{show(d.score)}</td>
                <td>{t("assessments.answeredOf", { answered: d.answered, total: d.total })}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="field-hint">{t("assessments.scoreMethod")}</p>
    </div>
  );
}
