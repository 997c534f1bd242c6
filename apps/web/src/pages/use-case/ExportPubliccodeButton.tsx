import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorNotice } from "../../components/StatusMessages";
import { downloadText } from "../../lib/download";
import { useCommuneTRPC } from "../../lib/trpc";

/** Downloads the case as publiccode.yml (the standard other registries read). */
export function ExportPubliccodeButton({ id }: { id: string }) {
  const { t } = useTranslation();
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function run() {
    setBusy(true);
    setError(null);
    try {
      const file = await queryClient.fetchQuery({
        ...trpc.useCases.exportPubliccode.queryOptions({ id }),
        staleTime: 0,
      });
      downloadText(file.filename, file.content, "application/yaml;charset=utf-8");
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className="button secondary" disabled={busy} onClick={() => void run()}>
        {busy ? t("common.working") : t("useCase.exportPubliccode")}
      </button>
      {error ? <ErrorNotice error={error} /> : null}
    </>
  );
}
