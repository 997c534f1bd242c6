import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { communeLabel, useCommune } from "../../lib/commune";
import { useMe } from "../../lib/session";
import { useCommuneTRPC } from "../../lib/trpc";
import type { Member } from "./MembersTable";
import { useInvalidateMembers } from "./use-invalidate";

/** Removing takes the person out of this commune only; their account and other communes stay. */
export function RemoveMemberDialog({ member, onClose }: { member: Member | null; onClose: () => void }) {
  const { t } = useTranslation();
  const commune = useCommune();
  const trpc = useCommuneTRPC();
  const invalidate = useInvalidateMembers();
  const me = useMe();
  const remove = useMutation(
    trpc.members.remove.mutationOptions({
      onSuccess: async (_result, input) => {
        await invalidate({ members: true, self: input.userId === me.user.id });
        onClose();
      },
    }),
  );

  function close() {
    remove.reset();
    onClose();
  }

  return (
    <ConfirmDialog
      open={member !== null}
      title={t("members.removeTitle")}
      confirmLabel={t("members.removeConfirm")}
      pending={remove.isPending}
      error={remove.error}
      onCancel={close}
      onConfirm={() => member && remove.mutate({ userId: member.userId })}
    >
      <p>{member ? t("members.removeText", { name: member.name, commune: communeLabel(commune) }) : null}</p>
    </ConfirmDialog>
  );
}
