import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { useCommuneTRPC } from "../../lib/trpc";

/**
 * The lost-factor path: an admin removes a member's two-step factors (app, recovery codes,
 * passkeys), so they can sign in with their password and enrol again. Audited; the person is told.
 */
export function ResetTwoStepButton({ userId, name }: { userId: string; name: string }) {
  const { t } = useTranslation();
  const trpc = useCommuneTRPC();
  const [open, setOpen] = useState(false);
  const reset = useMutation(trpc.members.resetTwoStep.mutationOptions({ onSuccess: () => setOpen(false) }));
  return (
    <>
      <button
        type="button"
        className="button danger-quiet"
        onClick={() => setOpen(true)}
        aria-label={t("twoStep.reset.buttonNamed", { name })}
      >
        {t("twoStep.reset.button")}
      </button>
      <span className="row-status" aria-live="polite">
        {reset.isSuccess ? t("twoStep.reset.done") : ""}
      </span>
      <ConfirmDialog
        open={open}
        title={t("twoStep.reset.title")}
        confirmLabel={t("twoStep.reset.confirm")}
        pending={reset.isPending}
        error={reset.error}
        onConfirm={() => reset.mutate({ userId })}
        onCancel={() => setOpen(false)}
      >
        <p>{t("twoStep.reset.text", { name })}</p>
      </ConfirmDialog>
    </>
  );
}
