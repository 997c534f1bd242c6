import { formatDateTime } from "@ciar/domain/format";
import { FOOTER, layoutHtml, layoutText } from "./layout";
import { defineTemplate } from "./template";

/** Security notice: an admin of a commune removed the person's second factors (lost factor). */
export const twoStepResetTemplate = defineTemplate<{
  name: string;
  communeName: string;
  at: string;
  accountUrl: string;
}>({
  name: "two_step_reset",
  render(data, locale) {
    const at = formatDateTime(new Date(data.at), locale);
    const body =
      locale === "en"
        ? {
            paragraphs: [
              `Hello ${data.name},`,
              `An administrator of ${data.communeName} reset the two-step verification of your Red CIAR account on ${at}: your authenticator app, recovery codes and passkeys were removed.`,
              "You can sign in with your password and turn it on again in My account.",
            ],
            after: [
              "If you did not ask for this, change your password at once and contact your commune's administration.",
            ],
            link: { label: "My account", url: data.accountUrl },
            footer: FOOTER.en,
          }
        : {
            paragraphs: [
              `Hola ${data.name}:`,
              `La administración de ${data.communeName} restableció la verificación en dos pasos de tu cuenta de la Red CIAR el ${at}: se quitaron tu aplicación de autenticación, tus códigos de recuperación y tus llaves de acceso.`,
              "Puedes ingresar con tu contraseña y activarla de nuevo en Mi cuenta.",
            ],
            after: [
              "Si no lo pediste, cambia tu contraseña de inmediato y comunícate con la administración de tu comuna.",
            ],
            link: { label: "Mi cuenta", url: data.accountUrl },
            footer: FOOTER.es,
          };
    return {
      subject:
        locale === "en"
          ? "Your two-step verification was reset"
          : "Se restableció tu verificación en dos pasos",
      text: layoutText(body),
      html: layoutHtml(body),
    };
  },
});
