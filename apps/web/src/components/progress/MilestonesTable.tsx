import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatCalendarDate } from "../../lib/format-time";
import { useProgressLabels } from "../../lib/progress-labels";
import { useLocale } from "../../lib/use-locale";

export interface MilestoneRow {
  id: string;
  title: string;
  dimensionCode: string | null;
  dueDate: string;
  status: string;
  overdue: boolean;
}

/** A roadmap, soonest due first; late milestones say so in words, not only in colour. */
export function MilestonesTable<M extends MilestoneRow>({
  milestones,
  dimensionTitle,
  caption,
  renderActions,
}: {
  milestones: readonly M[];
  dimensionTitle: (code: string) => string;
  caption: string;
  renderActions?: (milestone: M) => ReactNode;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useProgressLabels();
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("roadmap.milestone")}</th>
            <th scope="col">{t("assessments.dimension")}</th>
            <th scope="col">{t("roadmap.dueDate")}</th>
            <th scope="col">{t("assessments.status")}</th>
            {renderActions && <th scope="col">{t("members.actions")}</th>}
          </tr>
        </thead>
        <tbody>
          {milestones.map((m) => (
            <tr key={m.id} className={m.overdue ? "row-overdue" : undefined}>
              <th scope="row">{m.title}</th>
              <td>{m.dimensionCode ? dimensionTitle(m.dimensionCode) : "—"}</td>
              <td>
                {formatCalendarDate(m.dueDate, locale)}
                {m.overdue && <span className="badge badge-overdue">{t("roadmap.overdue")}</span>}
              </td>
              <td>{labels.milestoneStatus(m.status)}</td>
              {renderActions && <td>{renderActions(m)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
