import { formatClp } from "@ciar/domain/format";
import { useTranslation } from "react-i18next";
import { useUseCaseLabels } from "../../lib/use-case-labels";
import type { UseCase } from "./UseCasePage";

/** The description of the case: summary, problem, solution, techniques and the practical facts. */
export function ContentSections({ useCase }: { useCase: UseCase }) {
  const { t } = useTranslation();
  const labels = useUseCaseLabels();
  const none = <span className="muted">{t("useCase.notReported")}</span>;
  const clp = (amount: number | null) => (amount === null ? none : formatClp(amount));
  return (
    <>
      <section className="section" aria-labelledby="uc-summary">
        <h2 id="uc-summary">{t("useCase.summary")}</h2>
        <p className="prose">{useCase.summary}</p>
        <h3>{t("useCase.problem")}</h3>
        <p className="prose">{useCase.problem || none}</p>
        <h3>{t("useCase.solution")}</h3>
        <p className="prose">{useCase.solution || none}</p>
      </section>
      <section className="section card" aria-labelledby="uc-facts">
        <h2 id="uc-facts">{t("useCase.facts")}</h2>
        <dl className="facts">
          <dt>{t("useCase.techniques")}</dt>
          <dd>{useCase.techniques.length ? labels.techniques(useCase.techniques) : none}</dd>
          <dt>{t("useCase.tags")}</dt>
          <dd>{useCase.tags.length ? useCase.tags.join(", ") : none}</dd>
          <dt>{t("useCase.license")}</dt>
          <dd>{useCase.license ?? none}</dd>
          <dt>{t("useCase.repository")}</dt>
          <dd>
            {useCase.repositoryUrl ? (
              <a href={useCase.repositoryUrl} rel="noreferrer noopener" target="_blank">
                {useCase.repositoryUrl}
              </a>
            ) : (
              none
            )}
          </dd>
          <dt>{t("useCase.dataSources")}</dt>
          <dd>
            {useCase.dataSources.length ? (
              <ul className="plain-list">
                {useCase.dataSources.map((source) => (
                  <li key={source}>{source}</li>
                ))}
              </ul>
            ) : (
              none
            )}
          </dd>
          <dt>{t("useCase.setupCost")}</dt>
          <dd>{clp(useCase.setupCostClp)}</dd>
          <dt>{t("useCase.monthlyCost")}</dt>
          <dd>{clp(useCase.monthlyCostClp)}</dd>
        </dl>
        <p className="field-hint">{t("useCase.costsNote")}</p>
        {useCase.sourceUrl && (
          <p>
            {t("useCase.source")}{" "}
            <a href={useCase.sourceUrl} rel="noreferrer noopener" target="_blank">
              {useCase.sourceUrl}
            </a>
          </p>
        )}
      </section>
    </>
  );
}
