import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { communeLabel, useCommune } from "../../lib/commune";
import { useCommuneTRPC } from "../../lib/trpc";
import type { Member } from "./MembersTable";
import { useInvalidateMembers } from "./use-invalidate";

interface Props {
  /** The member, and whether the dialog suspends or reactivates them. */
  target: { member: Member; action: "suspend" | "reactivate" } | null;
  onClose: () => void;
}

/**
 * Suspending keeps the membership and its role but refuses the person at the commune's door from
 * their next request on; reactivating gives the access back with the same role.
 */
export function SuspendMemberDialog({ target, onClose }: Props) {
  const { t } = useTranslation();
  const commune = useCommune();
  const trpc = useCommuneTRPC();
  const invalidate = useInvalidateMembers();
  const reasonId = useId();
  const [reason, setReason] = useState("");
  const done = async () => {
    await invalidate({ members: true });
    setReason("");
    onClose();
  };
  const suspend = useMutation(trpc.members.suspend.mutationOptions({ onSuccess: done }));
  const reactivate = useMutation(trpc.members.reactivate.mutationOptions({ onSuccess: done }));
  const mutation = target?.action === "reactivate" ? reactivate : suspend;

  function close() {
    suspend.reset();
    reactivate.reset();
    setReason("");
    onClose();
  }

  const name = target?.member.name ?? "";
  const isSuspend = target?.action !== "reactivate";
  return (
    <ConfirmDialog
      open={target !== null}
      title={isSuspend ? t("members.suspendTitle") : t("members.reactivateTitle")}
      confirmLabel={isSuspend ? t("members.suspendConfirm") : t("members.reactivateConfirm")}
      tone={isSuspend ? "danger" : "primary"}
      pending={mutation.isPending}
      error={mutation.error}
      onCancel={close}
      onConfirm={() => {
        if (!target) return;
        if (isSuspend) suspend.mutate({ userId: target.member.userId, reason: reason.trim() || undefined });
        else reactivate.mutate({ userId: target.member.userId });
      }}
    >
      <p>
        {isSuspend
          ? t("members.suspendText", { name, commune: communeLabel(commune) })
          : t("members.reactivateText", { name, commune: communeLabel(commune) })}
      </p>
      {isSuspend && (
        <div className="field">
          <label htmlFor={reasonId}>{t("members.suspendReason")}</label>
          <textarea
            id={reasonId}
            value={reason}
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
      )}
    </ConfirmDialog>
  );
}
