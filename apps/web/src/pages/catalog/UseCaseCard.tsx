import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { StageBadge } from "../../components/StageBadge";
import { useCommune } from "../../lib/commune";
import { caseDetailPath } from "../../lib/commune-paths";
import { useUseCaseLabels } from "../../lib/use-case-labels";
import type { CatalogItem } from "./use-catalog-search";

export function UseCaseCard({ item }: { item: CatalogItem }) {
  const { t } = useTranslation();
  const commune = useCommune();
  const labels = useUseCaseLabels();
  return (
    <li className="card use-case-card">
      <h3>
        <Link to={caseDetailPath(commune.code, item.id)}>{item.title}</Link>
      </h3>
      <p className="card-meta">
        {t("catalog.communeRegion", { commune: item.communeName, region: item.region })}
        {" · "}
        {labels.serviceArea(item.serviceArea)}
      </p>
      <p className="badges">
        <StageBadge stage={item.stage} />
        {item.isDemo && <span className="badge badge-example">{t("useCase.example")}</span>}
        {item.communeId === commune.communeId && <span className="badge">{labels.status(item.status)}</span>}
      </p>
      <p>{item.summary}</p>
      {item.techniques.length > 0 && (
        <p className="card-meta">
          {t("catalog.techniques")}: {labels.techniques(item.techniques)}
        </p>
      )}
      <p className="card-meta">
        {t("catalog.reuses", { count: item.reuseCount })} ·{" "}
        {t("catalog.endorsements", { count: item.endorsementCount })}
      </p>
    </li>
  );
}
