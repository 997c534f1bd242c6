import type { ParseKeys } from "i18next";
import type { ComponentType } from "react";
import { DirectorySection } from "./DirectorySection";
import { NotificationsSection } from "./NotificationsSection";
import { PasswordSection } from "./PasswordSection";
import { ProfileSection } from "./ProfileSection";
import { SessionsSection } from "./SessionsSection";
import { TwoStepSection } from "./TwoStepSection";

/**
 * The sections of Mi cuenta, in page order. To add one: a component (framed by AccountSection,
 * with the same `id` and `titleKey`) and one entry here.
 */
export const ACCOUNT_SECTIONS: ReadonlyArray<{ id: string; titleKey: ParseKeys; Component: ComponentType }> =
  [
    { id: "perfil", titleKey: "account.profile.title", Component: ProfileSection },
    { id: "contrasena", titleKey: "account.password.title", Component: PasswordSection },
    { id: "verificacion", titleKey: "twoStep.title", Component: TwoStepSection },
    { id: "sesiones", titleKey: "account.sessions.title", Component: SessionsSection },
    { id: "notificaciones", titleKey: "account.notifications.title", Component: NotificationsSection },
    { id: "directorio", titleKey: "account.directory.title", Component: DirectorySection },
  ];
