import { formatDateTime } from "@ciar/domain/format";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ErrorNotice, Loading } from "../../components/StatusMessages";
import { useCommuneTRPC } from "../../lib/trpc";
import { useLocale } from "../../lib/use-locale";
import { CompareVersions } from "./CompareVersions";
import { useFieldLabel } from "./use-field-label";

/** Every saved version of the commune's own case: who, when, which fields; and a comparison. */
export function VersionsSection({ id }: { id: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fieldLabel = useFieldLabel();
  const trpc = useCommuneTRPC();
  const versions = useQuery(trpc.useCases.versions.queryOptions({ id }));
  return (
    <section className="section" aria-labelledby="uc-versions">
      <h2 id="uc-versions">{t("versions.heading")}</h2>
      {versions.isPending ? (
        <Loading />
      ) : versions.isError ? (
        <ErrorNotice error={versions.error} onRetry={() => void versions.refetch()} />
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("versions.heading")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("versions.version")}</th>
                  <th scope="col">{t("versions.who")}</th>
                  <th scope="col">{t("versions.when")}</th>
                  <th scope="col">{t("versions.changed")}</th>
                </tr>
              </thead>
              <tbody>
                {versions.data.map((v) => (
                  <tr key={v.version}>
                    <th scope="row">{v.version}</th>
                    <td>{v.actorName ?? t("common.unknownPerson")}</td>
                    <td>{formatDateTime(v.createdAt, locale)}</td>
                    <td>
                      {Object.keys(v.changes ?? {})
                        .map(fieldLabel)
                        .join(", ")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {versions.data.length > 1 && (
            <CompareVersions id={id} versions={versions.data.map((v) => v.version)} />
          )}
        </>
      )}
    </section>
  );
}
