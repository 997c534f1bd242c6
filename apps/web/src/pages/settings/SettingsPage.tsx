import { can } from "@ciar/domain/permissions";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ErrorNotice, Loading } from "../../components/StatusMessages";
import { communeLabel, useCommune } from "../../lib/commune";
import { useCommuneTRPC, type RouterOutputs } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { DirectorySettings } from "./DirectorySettings";
import { OfficialData } from "./OfficialData";
import { SettingsForm } from "./SettingsForm";
import { SettingsReadOnly } from "./SettingsReadOnly";
import { TwoStepPolicySetting } from "./TwoStepPolicySetting";

export type CommuneDetails = RouterOutputs["communes"]["get"];

/** Official data (SUBDERE, INE: not editable) and the settings the commune's admins manage. */
export function SettingsPage() {
  const { t } = useTranslation();
  const commune = useCommune();
  const trpc = useCommuneTRPC();
  useDocumentTitle(`${t("settings.title")} · ${communeLabel(commune)}`);
  const details = useQuery(trpc.communes.get.queryOptions());

  return (
    <>
      <h1>{t("settings.title")}</h1>
      {details.isPending ? (
        <Loading />
      ) : details.isError ? (
        <ErrorNotice error={details.error} onRetry={() => void details.refetch()} />
      ) : (
        <>
          <OfficialData commune={details.data} />
          {can(commune.role, "commune.update") ? (
            <SettingsForm key={details.data.id} commune={details.data} />
          ) : (
            <SettingsReadOnly commune={details.data} />
          )}
          {can(commune.role, "commune.update") && (
            <TwoStepPolicySetting key={details.data.twoStepPolicy} current={details.data.twoStepPolicy} />
          )}
          {can(commune.role, "directory.manage") ? <DirectorySettings /> : null}
        </>
      )}
    </>
  );
}
