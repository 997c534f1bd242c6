import { formatDateTime } from "@ciar/domain/format";
import { useTranslation } from "react-i18next";
import { StageBadge } from "../../components/StageBadge";
import { useLocale } from "../../lib/use-locale";
import type { UseCase } from "./UseCasePage";

/** Communes that reused this case directly, how far they got, and since when. */
export function ReusesSection({ reuses }: { reuses: UseCase["reuses"] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="section" aria-labelledby="uc-reuses">
      <h2 id="uc-reuses">{t("useCase.reusedBy")}</h2>
      {reuses.length === 0 ? (
        <p className="muted">{t("useCase.noReuses")}</p>
      ) : (
        <ul className="plain-list reuse-list">
          {reuses.map((reuse) => (
            <li key={reuse.useCaseId}>
              <strong>{reuse.communeName}</strong> <StageBadge stage={reuse.stage} />{" "}
              <span className="muted">
                {t("useCase.since", { date: formatDateTime(reuse.since, locale) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
