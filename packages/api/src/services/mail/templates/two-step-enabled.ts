import { formatDateTime } from "@ciar/domain/format";
import { FOOTER, layoutHtml, layoutText } from "./layout";
import { defineTemplate } from "./template";

/** Security notice: a second factor was added (the authenticator app turned on, or a passkey). */
export const twoStepEnabledTemplate = defineTemplate<{
  name: string;
  method: "totp" | "passkey";
  at: string;
  accountUrl: string;
}>({
  name: "two_step_enabled",
  render(data, locale) {
    const at = formatDateTime(new Date(data.at), locale);
    const body =
      locale === "en"
        ? {
            paragraphs: [
              `Hello ${data.name},`,
              data.method === "totp"
                ? `Two-step verification with an authenticator app was turned on for your Red CIAR account on ${at}.`
                : `A passkey was added to your Red CIAR account on ${at}.`,
            ],
            after: [
              "If it was not you, change your password at once and ask your commune's administrator to reset your two-step verification.",
            ],
            link: { label: "My account", url: data.accountUrl },
            footer: FOOTER.en,
          }
        : {
            paragraphs: [
              `Hola ${data.name}:`,
              data.method === "totp"
                ? `Se activó la verificación en dos pasos con una aplicación de autenticación en tu cuenta de la Red CIAR el ${at}.`
                : `Se agregó una llave de acceso a tu cuenta de la Red CIAR el ${at}.`,
            ],
            after: [
              "Si no fuiste tú, cambia tu contraseña de inmediato y pide a la administración de tu comuna que restablezca tu verificación en dos pasos.",
            ],
            link: { label: "Mi cuenta", url: data.accountUrl },
            footer: FOOTER.es,
          };
    return {
      subject:
        locale === "en" ? "Two-step verification was turned on" : "Se activó la verificación en dos pasos",
      text: layoutText(body),
      html: layoutHtml(body),
    };
  },
});
