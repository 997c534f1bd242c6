import { formatDateTime } from "@ciar/domain/format";
import { can } from "@ciar/domain/permissions";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DemoBadge } from "../../components/DemoBadge";
import { AssessmentStatusBadge } from "../../components/progress/AssessmentStatusBadge";
import { EmptyState, ErrorNotice, Loading } from "../../components/StatusMessages";
import { communeLabel, useCommune } from "../../lib/commune";
import { assessmentPath } from "../../lib/commune-paths";
import { formatScore } from "../../lib/format-score";
import { useProgressLabels } from "../../lib/progress-labels";
import { useCommuneTRPC, type RouterOutputs } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useLocale } from "../../lib/use-locale";
import { StartAssessmentForm } from "./StartAssessmentForm";

/** The commune's quarterly AI maturity self-assessments, newest first, and starting a new one. */
export function AssessmentsPage() {
  const { t } = useTranslation();
  const commune = useCommune();
  const trpc = useCommuneTRPC();
  useDocumentTitle(`${t("assessments.title")} · ${communeLabel(commune)}`);
  const list = useQuery(trpc.assessments.list.queryOptions());

  return (
    <>
      <h1>{t("assessments.title")}</h1>
      <p className="lead">{t("assessments.lead")}</p>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          {can(commune.role, "assessments.write") && (
            <StartAssessmentForm takenPeriods={list.data.map((a) => a.period)} />
          )}
          <section className="section" aria-labelledby="assessments-list">
            <h2 id="assessments-list">{t("assessments.listHeading")}</h2>
            {list.data.length === 0 ? (
              <EmptyState title={t("assessments.empty")} />
            ) : (
              <AssessmentsTable rows={list.data} />
            )}
          </section>
        </>
      )}
    </>
  );
}

type Row = RouterOutputs["assessments"]["list"][number];

function AssessmentsTable({ rows }: { rows: readonly Row[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const commune = useCommune();
  const labels = useProgressLabels();
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{t("assessments.listHeading")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("assessments.period")}</th>
            <th scope="col">{t("assessments.status")}</th>
            <th scope="col">{t("assessments.index")}</th>
            <th scope="col">{t("assessments.submittedAt")}</th>
            <th scope="col">{t("assessments.updatedAt")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">
                <Link to={assessmentPath(commune.code, row.id)}>{labels.period(row.period)}</Link>{" "}
                {row.isDemo && <DemoBadge />}
              </th>
              <td>
                <AssessmentStatusBadge status={row.status} />
              </td>
              <td>{row.maturityIndex === null ? "—" : formatScore(row.maturityIndex, locale)}</td>
              <td>{row.submittedAt ? formatDateTime(row.submittedAt, locale) : "—"}</td>
              <td>{formatDateTime(row.updatedAt, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
