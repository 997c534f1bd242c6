import { invitationTemplate } from "./invitation";
import { newDeviceSignInTemplate } from "./new-device-sign-in";
import { passwordChangedTemplate } from "./password-changed";
import { passwordRecoveryTemplate } from "./password-recovery";
import type { MailTemplate } from "./template";

/**
 * Every e-mail the platform sends, by name. To add one: a module in this folder
 * (defineTemplate) and one entry here; queueMail then accepts its name and checks its data.
 */
export const MAIL_TEMPLATES = {
  invitation: invitationTemplate,
  password_recovery: passwordRecoveryTemplate,
  password_changed: passwordChangedTemplate,
  new_device_sign_in: newDeviceSignInTemplate,
} as const;

export type MailTemplateName = keyof typeof MAIL_TEMPLATES;

export type MailTemplateData<N extends MailTemplateName> =
  (typeof MAIL_TEMPLATES)[N] extends MailTemplate<infer Data> ? Data : never;

export function templateNamed(name: string): MailTemplate<unknown> | undefined {
  return Object.hasOwn(MAIL_TEMPLATES, name)
    ? (MAIL_TEMPLATES[name as MailTemplateName] as MailTemplate<unknown>)
    : undefined;
}
