import { formatDateTime } from "@ciar/domain/format";
import { useTranslation } from "react-i18next";
import { formatScore } from "../../lib/format-score";
import { useProgressLabels } from "../../lib/progress-labels";
import type { RouterOutputs } from "../../lib/trpc";
import { useLocale } from "../../lib/use-locale";

type AssessmentEvent = RouterOutputs["assessments"]["get"]["events"][number];

/** What happened to an assessment, oldest first: created, submitted, returned (with comments), validated. */
export function AssessmentHistory({ events }: { events: readonly AssessmentEvent[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useProgressLabels();
  return (
    <section className="section" aria-labelledby="assessment-history">
      <h2 id="assessment-history">{t("assessments.history")}</h2>
      {events.length === 0 ? (
        <p className="muted">{t("assessments.noHistory")}</p>
      ) : (
        <ol className="timeline">
          {events.map((event) => (
            <li key={event.id} className={`timeline-item timeline-${event.action}`}>
              <p className="timeline-head">
                <strong>{labels.event(event.action)}</strong>
                <span className="muted">
                  {" · "}
                  {formatDateTime(event.createdAt, locale)}
                  {" · "}
                  {event.actorName ?? t("common.unknownPerson")}
                </span>
              </p>
              {event.maturityIndex !== null && event.action !== "created" && (
                <p>{t("assessments.indexAtEvent", { index: formatScore(event.maturityIndex, locale) })}</p>
              )}
              {event.comment && <p className="prose timeline-comment">{event.comment}</p>}
              {Object.keys(event.questionComments ?? {}).length > 0 && (
                <ul className="plain-list question-comment-list">
                  {Object.entries(event.questionComments ?? {}).map(([code, comment]) => (
                    <li key={code}>
                      <strong>{code}:</strong> {comment}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
