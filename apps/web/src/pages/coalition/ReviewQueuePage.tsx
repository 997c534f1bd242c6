import { formatDateTime } from "@ciar/domain/format";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { SelectField } from "../../components/Field";
import { EmptyState, ErrorNotice, Loading } from "../../components/StatusMessages";
import { useCoalition } from "../../lib/coalition";
import { reviewPath } from "../../lib/coalition-paths";
import { formatScore } from "../../lib/format-score";
import { useProgressLabels } from "../../lib/progress-labels";
import { useAccountTRPC } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useLocale } from "../../lib/use-locale";

const QUEUE_STATUSES = ["submitted", "returned", "validated"] as const;
type QueueStatus = (typeof QUEUE_STATUSES)[number];

/** Submitted assessments waiting for the coordination (oldest first), and those already decided. */
export function ReviewQueuePage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const coalition = useCoalition();
  const labels = useProgressLabels();
  const trpc = useAccountTRPC();
  useDocumentTitle(`${t("review.queueTitle")} · ${coalition.name}`);
  const [status, setStatus] = useState<QueueStatus>("submitted");
  const queue = useQuery(trpc.assessmentReview.list.queryOptions({ coalitionId: coalition.id, status }));

  return (
    <>
      <h1>{t("review.queueTitle")}</h1>
      <p className="lead">{t("review.queueLead")}</p>
      <div className="filter-field">
        <SelectField
          label={t("review.showStatus")}
          value={status}
          onChange={(e) => setStatus(e.target.value as QueueStatus)}
        >
          {QUEUE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {labels.status(s)}
            </option>
          ))}
        </SelectField>
      </div>
      {queue.isPending ? (
        <Loading />
      ) : queue.isError ? (
        <ErrorNotice error={queue.error} onRetry={() => void queue.refetch()} />
      ) : queue.data.length === 0 ? (
        <EmptyState title={status === "submitted" ? t("review.queueEmpty") : t("review.noneInStatus")} />
      ) : (
        <>
          <p className="result-count" role="status">
            {t("review.count", { count: queue.data.length })}
          </p>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">
                {t("review.queueCaption", { status: labels.status(status) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("review.commune")}</th>
                  <th scope="col">{t("review.region")}</th>
                  <th scope="col">{t("assessments.period")}</th>
                  <th scope="col">{t("assessments.index")}</th>
                  <th scope="col">{t("assessments.submittedAt")}</th>
                  {status !== "submitted" && <th scope="col">{t("review.reviewedAt")}</th>}
                </tr>
              </thead>
              <tbody>
                {queue.data.map((row) => (
                  <tr key={row.id}>
                    <th scope="row">
                      <Link
                        to={reviewPath(coalition.slug, row.id)}
                        aria-label={t("review.openLabel", {
                          commune: row.communeName,
                          period: labels.period(row.period),
                        })}
                      >
                        {row.communeName}
                      </Link>
                    </th>
                    <td>{row.region}</td>
                    <td>{labels.period(row.period)}</td>
                    <td>{row.maturityIndex === null ? "—" : formatScore(row.maturityIndex, locale)}</td>
                    <td>{row.submittedAt ? formatDateTime(row.submittedAt, locale) : "—"}</td>
                    {status !== "submitted" && (
                      <td>{row.reviewedAt ? formatDateTime(row.reviewedAt, locale) : "—"}</td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
