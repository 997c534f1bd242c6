import { can } from "@ciar/domain/permissions";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorNotice, Loading } from "../../components/StatusMessages";
import { useCommune } from "../../lib/commune";
import { communePath, caseDetailPath } from "../../lib/commune-paths";
import { useCommuneTRPC } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { draftKey, draftStore } from "./draft-store";
import { emptyForm, formFromUseCase } from "./use-case-form";
import { UseCaseEditor } from "./UseCaseEditor";

/** /casos/nuevo and /casos/:id/editar: the same form, empty or filled from the stored case. */
export function EditorPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const commune = useCommune();
  const title = id ? t("editor.editTitle") : t("editor.newTitle");
  useDocumentTitle(title);

  if (!can(commune.role, "useCases.write")) {
    return (
      <>
        <h1>{title}</h1>
        <p className="notice">{t("editor.forbidden")}</p>
      </>
    );
  }
  const key = draftKey(commune.communeId, id ?? null);
  return (
    <>
      <h1>{title}</h1>
      <p>
        <Link to={id ? caseDetailPath(commune.code, id) : communePath(commune.code, "casos")}>
          {t("editor.back")}
        </Link>
      </p>
      <p className="lead">{t("editor.lead")}</p>
      {id ? (
        <EditExisting id={id} draftKey={key} />
      ) : (
        <UseCaseEditor
          initial={emptyForm()}
          target={null}
          draftKey={key}
          storedDraft={draftStore.load(key)}
        />
      )}
    </>
  );
}

function EditExisting({ id, draftKey: key }: { id: string; draftKey: string }) {
  const { t } = useTranslation();
  const trpc = useCommuneTRPC();
  const useCase = useQuery({ ...trpc.useCases.get.queryOptions({ id }), staleTime: 0 });
  if (useCase.isPending) return <Loading />;
  if (useCase.isError) return <ErrorNotice error={useCase.error} onRetry={() => void useCase.refetch()} />;
  const data = useCase.data;
  if (!data.isOwn) return <p className="notice">{t("editor.notOwn")}</p>;
  return (
    <UseCaseEditor
      key={data.version}
      initial={formFromUseCase(data)}
      target={{ id, version: data.version, stage: data.stage }}
      draftKey={key}
      // Read again per loaded version: reloading after a conflict offers the kept draft again.
      storedDraft={draftStore.load(key)}
      onReload={() => void useCase.refetch()}
    />
  );
}
