import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { StageBadge } from "../../components/StageBadge";
import { useCatalogLink } from "../../lib/use-catalog-link";
import { useUseCaseLabels } from "../../lib/use-case-labels";

interface SharedUseCase {
  id: string;
  title: string;
  stage: string;
  serviceArea: string;
}

/** A list of shared use cases: title (linked when it can be opened), stage and service area. */
export function UseCaseList({ useCases }: { useCases: readonly SharedUseCase[] }) {
  const labels = useUseCaseLabels();
  const linkTo = useCatalogLink();
  return (
    <ul className="plain-list use-case-list">
      {useCases.map((u) => {
        const path = linkTo(u.id);
        return (
          <li key={u.id}>
            {path ? <Link to={path}>{u.title}</Link> : <span>{u.title}</span>} <StageBadge stage={u.stage} />{" "}
            <span className="muted">{labels.serviceArea(u.serviceArea)}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** The commune's published use cases that other communes can see. */
export function SharedUseCases({ useCases }: { useCases: readonly SharedUseCase[] }) {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby="profile-use-cases">
      <h2 id="profile-use-cases">{t("profile.useCases", { count: useCases.length })}</h2>
      {useCases.length === 0 ? (
        <p className="muted">{t("profile.noUseCases")}</p>
      ) : (
        <UseCaseList useCases={useCases} />
      )}
    </section>
  );
}
