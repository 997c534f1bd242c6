import { formatDateTime } from "@ciar/domain/format";
import { FOOTER, layoutHtml, layoutText } from "./layout";
import { defineTemplate } from "./template";

/** "¿Olvidaste tu contraseña?": the single-use, 30-minute link to set a new password. */
export const passwordRecoveryTemplate = defineTemplate<{ name: string; resetUrl: string; expiresAt: string }>(
  {
    name: "password_recovery",
    render(data, locale) {
      const expires = formatDateTime(new Date(data.expiresAt), locale);
      const body =
        locale === "en"
          ? {
              paragraphs: [
                `Hello ${data.name},`,
                "Someone asked to reset the password of your Red CIAR account. If it was you, choose a new password with this link:",
              ],
              link: { label: "Choose a new password", url: data.resetUrl },
              after: [
                `The link works once and expires on ${expires}. Setting a new password signs out every other session.`,
                "If it was not you, ignore this e-mail: your password stays as it is.",
              ],
              footer: FOOTER.en,
            }
          : {
              paragraphs: [
                `Hola ${data.name}:`,
                "Alguien pidió restablecer la contraseña de tu cuenta de la Red CIAR. Si fuiste tú, elige una nueva contraseña con este enlace:",
              ],
              link: { label: "Elegir una nueva contraseña", url: data.resetUrl },
              after: [
                `El enlace sirve una sola vez y vence el ${expires}. Al fijar la nueva contraseña se cierran todas las demás sesiones.`,
                "Si no fuiste tú, ignora este correo: tu contraseña no cambia.",
              ],
              footer: FOOTER.es,
            };
      return {
        subject: locale === "en" ? "Reset your Red CIAR password" : "Restablece tu contraseña de la Red CIAR",
        text: layoutText(body),
        html: layoutHtml(body),
      };
    },
  },
);
