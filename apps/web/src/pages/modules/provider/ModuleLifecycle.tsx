import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { ErrorNotice } from "../../../components/StatusMessages";
import { useCommuneTRPC } from "../../../lib/trpc";
import type { ProviderModule } from "./module-form";
import { useModulesBusy, useProviderModulesCache } from "./use-provider-modules";

/**
 * Draft → published → retired (and back to published). Publishing needs an active plan and the
 * service's address; retiring takes the module out of the catalog, after a confirmation.
 */
export function ModuleLifecycle({ module }: { module: ProviderModule }) {
  const { t } = useTranslation();
  const trpc = useCommuneTRPC();
  const cache = useProviderModulesCache();
  const busy = useModulesBusy();
  const [confirmRetire, setConfirmRetire] = useState(false);
  const onSuccess = async (updated: ProviderModule) => {
    cache.store(updated);
    await cache.invalidate();
  };
  const publish = useMutation(trpc.modules.publish.mutationOptions({ onSuccess }));
  const retire = useMutation(
    trpc.modules.retire.mutationOptions({
      onSuccess: async (updated) => {
        setConfirmRetire(false);
        await onSuccess(updated);
      },
    }),
  );
  const activePlans = module.plans.filter((p) => p.status === "active").length;
  const missing = [
    activePlans === 0 ? t("moduleEditor.needsPlan") : null,
    module.upstreamUrl ? null : t("moduleEditor.needsUpstream"),
  ].filter((text): text is string => text !== null);

  return (
    <section className="section card" aria-labelledby="module-lifecycle">
      <h2 id="module-lifecycle">{t("moduleEditor.lifecycleHeading")}</h2>
      <p>{t(`moduleEditor.statusHelp.${module.status}`)}</p>
      {module.status !== "published" && missing.length > 0 && (
        <ul>
          {missing.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      )}
      {publish.error ? <ErrorNotice error={publish.error} /> : null}
      <div className="button-row">
        {module.status === "published" ? (
          <button
            type="button"
            className="button danger-quiet"
            disabled={busy}
            onClick={() => {
              retire.reset();
              setConfirmRetire(true);
            }}
          >
            {t("moduleEditor.retire")}
          </button>
        ) : (
          <button
            type="button"
            className="button primary"
            disabled={busy || missing.length > 0}
            onClick={() => publish.mutate({ id: module.id })}
          >
            {publish.isPending
              ? t("common.working")
              : module.status === "retired"
                ? t("moduleEditor.republish")
                : t("moduleEditor.publish")}
          </button>
        )}
      </div>
      <ConfirmDialog
        open={confirmRetire}
        title={t("moduleEditor.retireTitle", { name: module.name })}
        confirmLabel={t("moduleEditor.retireConfirm")}
        pending={retire.isPending}
        error={retire.error}
        onConfirm={() => retire.mutate({ id: module.id })}
        onCancel={() => {
          retire.reset();
          setConfirmRetire(false);
        }}
      >
        <p>{t("moduleEditor.retireText")}</p>
      </ConfirmDialog>
    </section>
  );
}
