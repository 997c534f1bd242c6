import { sourceIdOf, type FrameworkSource } from "@ciar/domain/progress/framework";
import { useTranslation } from "react-i18next";

/**
 * The references a question cites ("oecd-dgi:digital-by-design" cites part of source
 * "oecd-dgi"), linked to the source's page, so that a level can be checked against its origin.
 */
export function QuestionSources({
  citations,
  sources,
}: {
  citations: readonly string[];
  sources: readonly FrameworkSource[];
}) {
  const { t } = useTranslation();
  if (citations.length === 0) return null;
  return (
    <div className="question-sources">
      <p className="sources-label">{t("assessments.sources")}</p>
      <ul>
        {citations.map((citation) => {
          const source = sources.find((s) => s.id === sourceIdOf(citation));
          const part = citation.includes(":") ? citation.slice(citation.indexOf(":") + 1) : null;
          return (
            <li key={citation}>
              {source ? (
                <a href={source.url} target="_blank" rel="noreferrer">
                  {source.title}
                </a>
              ) : (
                citation
              )}
              {source && (
                <span className="muted">
                  {" "}
                  ({source.publisher}, {source.year}){part && ` · ${part}`}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
