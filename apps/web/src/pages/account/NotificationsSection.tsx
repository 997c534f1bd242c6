import type { NotificationCategory, NotificationDelivery } from "@ciar/domain/notification-preferences";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { SelectField } from "../../components/Field";
import { ErrorNotice, Loading } from "../../components/StatusMessages";
import { useAccountTRPC } from "../../lib/trpc";
import { AccountSection } from "./AccountSection";

/** Notification e-mails per category: at once, in a daily digest, or none. Saved on change. */
export function NotificationsSection() {
  const { t } = useTranslation();
  const trpc = useAccountTRPC();
  const queryClient = useQueryClient();
  const preferences = useQuery(trpc.account.notificationPreferences.queryOptions());
  const save = useMutation(
    trpc.account.setNotificationPreferences.mutationOptions({
      onSuccess: (saved) => queryClient.setQueryData(trpc.account.notificationPreferences.queryKey(), saved),
    }),
  );

  return (
    <AccountSection
      id="notificaciones"
      titleKey="account.notifications.title"
      lead={t("account.notifications.lead")}
    >
      {preferences.isPending ? (
        <Loading />
      ) : preferences.isError ? (
        <ErrorNotice error={preferences.error} onRetry={() => void preferences.refetch()} />
      ) : (
        <div className="form">
          {preferences.data.map((p) => (
            <SelectField
              key={p.category}
              label={t(`account.notifications.category.${p.category}`)}
              value={p.delivery}
              disabled={save.isPending}
              onChange={(e) =>
                save.mutate({
                  preferences: [
                    {
                      category: p.category as NotificationCategory,
                      delivery: e.target.value as NotificationDelivery,
                    },
                  ],
                })
              }
            >
              <option value="immediate">{t("account.notifications.delivery.immediate")}</option>
              <option value="daily">{t("account.notifications.delivery.daily")}</option>
              <option value="off">{t("account.notifications.delivery.off")}</option>
            </SelectField>
          ))}
          {save.error ? <ErrorNotice error={save.error} /> : null}
          {save.isSuccess ? (
            <p className="notice notice-success" role="status">
              {t("account.notifications.saved")}
            </p>
          ) : null}
        </div>
      )}
    </AccountSection>
  );
}
