import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type ChangeEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ErrorNotice } from "../../components/StatusMessages";
import { useCommune } from "../../lib/commune";
import { caseDetailPath } from "../../lib/commune-paths";
import { useCommuneTRPC } from "../../lib/trpc";
import { PUBLICCODE_MAX_BYTES as MAX_BYTES } from "@ciar/domain/schemas/use-cases";

/** Creates a draft from a publiccode.yml file chosen on this computer, then opens it. */
export function ImportPubliccode() {
  const { t } = useTranslation();
  const commune = useCommune();
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [tooBig, setTooBig] = useState(false);
  const importFile = useMutation(
    trpc.useCases.importPubliccode.mutationOptions({
      onSuccess: async ({ id }) => {
        await queryClient.invalidateQueries(trpc.pathFilter());
        await navigate(caseDetailPath(commune.code, id));
      },
    }),
  );

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    setTooBig(file.size > MAX_BYTES);
    if (file.size > MAX_BYTES) return;
    importFile.mutate({ content: await file.text() });
  }

  return (
    <div className="field import-field">
      <label htmlFor="import-publiccode">{t("myCases.import")}</label>
      <p id="import-publiccode-hint" className="field-hint">
        {t("myCases.importHint")}
      </p>
      <input
        id="import-publiccode"
        type="file"
        accept=".yml,.yaml,application/yaml,text/yaml"
        aria-describedby="import-publiccode-hint"
        disabled={importFile.isPending}
        onChange={(e) => void choose(e)}
      />
      <p className="field-hint" aria-live="polite">
        {importFile.isPending ? t("common.working") : ""}
      </p>
      {tooBig && <p className="field-error">{t("myCases.importTooBig")}</p>}
      {importFile.isError && <ErrorNotice error={importFile.error} />}
    </div>
  );
}
