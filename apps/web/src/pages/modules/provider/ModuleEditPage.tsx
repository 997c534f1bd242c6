import { formatDateTime } from "@ciar/domain/format";
import { can } from "@ciar/domain/permissions";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorNotice, Loading } from "../../../components/StatusMessages";
import { useCommune } from "../../../lib/commune";
import { modulePath } from "../../../lib/commune-paths";
import { useCommuneTRPC } from "../../../lib/trpc";
import { useDocumentTitle } from "../../../lib/use-document-title";
import { useLocale } from "../../../lib/use-locale";
import { ModuleDetailsForm } from "./ModuleDetailsForm";
import { ModuleLifecycle } from "./ModuleLifecycle";
import { myModulesPath } from "./paths";
import { PlansSection } from "./PlansSection";
import { UpstreamForm } from "./UpstreamForm";

/** /c/:cut/mis-modulos/:moduleId: the provider edits a module, its service address and plans, and publishes it. */
export function ModuleEditPage() {
  const { t } = useTranslation();
  const commune = useCommune();
  const mayManage = can(commune.role, "modules.manage");
  const back = (
    <p className="no-print">
      <Link to={myModulesPath(commune.code)}>{t("moduleEditor.backToMyModules")}</Link>
    </p>
  );
  if (!mayManage) {
    return (
      <Shell back={null} title={t("moduleEditor.editTitle")}>
        <p className="notice">{t("moduleEditor.forbidden")}</p>
      </Shell>
    );
  }
  return <EditableModule back={back} />;
}

function Shell({ back, title, children }: { back: ReactNode; title: string; children: ReactNode }) {
  useDocumentTitle(title);
  return (
    <>
      {back}
      <h1>{title}</h1>
      {children}
    </>
  );
}

function EditableModule({ back }: { back: ReactNode }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { moduleId = "" } = useParams();
  const commune = useCommune();
  const trpc = useCommuneTRPC();
  const mine = useQuery(trpc.modules.mine.queryOptions());
  const module = mine.data?.find((m) => m.id === moduleId);
  useDocumentTitle(module?.name ?? t("moduleEditor.editTitle"));

  if (mine.isPending || (!module && mine.isFetching)) return <Loading />;
  if (mine.isError && !module)
    return (
      <Shell back={back} title={t("moduleEditor.editTitle")}>
        <ErrorNotice error={mine.error} onRetry={() => void mine.refetch()} />
      </Shell>
    );
  if (!module)
    return (
      <Shell back={back} title={t("moduleEditor.editTitle")}>
        <p className="notice">{t("moduleEditor.notFound")}</p>
      </Shell>
    );

  return (
    <>
      {back}
      <h1>
        {module.name} {module.isExample && <span className="badge badge-demo">{t("modules.example")}</span>}
      </h1>
      <p className="card-meta">
        {t("moduleEditor.statusLabel", { status: t(`myModules.status.${module.status}`) })}
        {module.publishedAt && (
          <>
            {" · "}
            {t("moduleEditor.publishedAt", { date: formatDateTime(module.publishedAt, locale) })}
          </>
        )}
        {" · "}
        {t("moduleEditor.subscriberCounts", { live: module.subscriberCount, pending: module.pendingCount })}
        {" · "}
        {/* The provider sees its module's page in every state: a preview while it is a draft. */}
        <Link to={modulePath(commune.code, module.slug)}>{t("moduleEditor.publicPage")}</Link>
      </p>
      <ModuleLifecycle module={module} />
      <ModuleDetailsForm key={`details-${module.id}`} module={module} />
      <UpstreamForm key={`upstream-${module.id}`} module={module} />
      <PlansSection module={module} />
    </>
  );
}
