import type { CsvTable } from "@ciar/domain/schemas/comparisons";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorNotice } from "../../components/StatusMessages";
import { useCoalition } from "../../lib/coalition";
import { downloadText } from "../../lib/download";
import { useAccountTRPC } from "../../lib/trpc";
import type { GroupSelection } from "./GroupPicker";

type Status =
  | { state: "idle" }
  | { state: "working" }
  | { state: "done"; filename: string }
  | { state: "failed"; error: unknown };

const OVERVIEW_TABLES = [
  "overview",
  "heatmap",
  "milestones",
  "useCases",
] as const satisfies readonly CsvTable[];

/**
 * Downloads the coordinator's tables as CSV (made by the API, for the same quarter and group as
 * the page): one button per table; the indicator table has its own button on the trends page.
 */
export function ExportCsvButtons({
  period,
  group,
  tables = OVERVIEW_TABLES,
  indicatorId,
}: {
  period?: string | undefined;
  group: GroupSelection;
  tables?: readonly CsvTable[];
  indicatorId?: string;
}) {
  const { t } = useTranslation();
  const coalition = useCoalition();
  const trpc = useAccountTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Status>({ state: "idle" });

  async function run(table: CsvTable) {
    setStatus({ state: "working" });
    try {
      const file = await queryClient.fetchQuery({
        ...trpc.progress.exportCsv.queryOptions({
          coalitionId: coalition.id,
          table,
          ...(period ? { period } : {}),
          ...(indicatorId ? { indicatorId } : {}),
          ...group,
        }),
        staleTime: 0,
      });
      downloadText(file.filename, file.csv, "text/csv;charset=utf-8");
      setStatus({ state: "done", filename: file.filename });
    } catch (error) {
      setStatus({ state: "failed", error });
    }
  }

  return (
    <div className="export-bar no-print">
      <span className="export-label">{t("overview.exportCsv")}</span>
      {tables.map((table) => (
        <button
          key={table}
          type="button"
          className="button secondary"
          disabled={status.state === "working"}
          onClick={() => void run(table)}
        >
          {t(`overview.csv.${table}`)}
        </button>
      ))}
      <p className="export-status" aria-live="polite">
        {status.state === "working" && t("common.working")}
        {status.state === "done" && t("overview.downloaded", { filename: status.filename })}
      </p>
      {status.state === "failed" && <ErrorNotice error={status.error} />}
    </div>
  );
}
