import type { ParseKeys } from "i18next";
import type { ComponentType } from "react";
import { PasswordSection } from "./PasswordSection";
import { TwoStepSection } from "./TwoStepSection";

/**
 * The sections of Mi cuenta, in page order. To add one: a component (framed by AccountSection,
 * with the same `id` and `titleKey`) and one entry here.
 */
export const ACCOUNT_SECTIONS: ReadonlyArray<{ id: string; titleKey: ParseKeys; Component: ComponentType }> =
  [
    { id: "contrasena", titleKey: "account.password.title", Component: PasswordSection },
    { id: "verificacion", titleKey: "twoStep.title", Component: TwoStepSection },
  ];
