import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorNotice } from "../../components/StatusMessages";
import { downloadText } from "../../lib/download";
import { useCommuneTRPC } from "../../lib/trpc";
import type { CatalogFilterInput } from "./catalog-filters";

type Status =
  | { state: "idle" }
  | { state: "working" }
  | { state: "done"; count: number; truncated: boolean }
  | { state: "failed"; error: unknown };

/** Downloads what the filters match, as CSV or JSON (the API caps the number of rows). */
export function ExportButtons({ filters }: { filters: CatalogFilterInput }) {
  const { t } = useTranslation();
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Status>({ state: "idle" });

  async function run(format: "csv" | "json") {
    setStatus({ state: "working" });
    try {
      const file = await queryClient.fetchQuery({
        ...trpc.catalog.export.queryOptions({ ...filters, format }),
        staleTime: 0,
      });
      downloadText(file.filename, file.content, file.contentType);
      setStatus({ state: "done", count: file.count, truncated: file.truncated });
    } catch (error) {
      setStatus({ state: "failed", error });
    }
  }

  const busy = status.state === "working";
  return (
    <div className="export-bar">
      <span className="export-label">{t("catalog.export")}</span>
      <button type="button" className="button secondary" disabled={busy} onClick={() => void run("csv")}>
        {t("catalog.exportCsv")}
      </button>
      <button type="button" className="button secondary" disabled={busy} onClick={() => void run("json")}>
        {t("catalog.exportJson")}
      </button>
      <p className="export-status" aria-live="polite">
        {busy && t("common.working")}
        {status.state === "done" &&
          (status.truncated
            ? t("catalog.exportedTruncated", { count: status.count })
            : t("catalog.exported", { count: status.count }))}
      </p>
      {status.state === "failed" && <ErrorNotice error={status.error} />}
    </div>
  );
}
