import { formatDateTime } from "@ciar/domain/format";
import { FOOTER, layoutHtml, layoutText } from "./layout";
import { defineTemplate } from "./template";

/** Security notice: the account's password was changed (Mi cuenta) or set through a recovery link. */
export const passwordChangedTemplate = defineTemplate<{
  name: string;
  how: "changed" | "recovered";
  at: string;
  accountUrl: string;
}>({
  name: "password_changed",
  render(data, locale) {
    const at = formatDateTime(new Date(data.at), locale);
    const body =
      locale === "en"
        ? {
            paragraphs: [
              `Hello ${data.name},`,
              data.how === "recovered"
                ? `The password of your Red CIAR account was reset with a recovery link on ${at}.`
                : `The password of your Red CIAR account was changed on ${at}.`,
              "Every other session was signed out.",
            ],
            after: [
              "If it was not you, reset your password at once from the sign-in page (“Forgot your password?”) and tell your commune's administrator.",
            ],
            link: { label: "My account", url: data.accountUrl },
            footer: FOOTER.en,
          }
        : {
            paragraphs: [
              `Hola ${data.name}:`,
              data.how === "recovered"
                ? `La contraseña de tu cuenta de la Red CIAR se restableció con un enlace de recuperación el ${at}.`
                : `La contraseña de tu cuenta de la Red CIAR se cambió el ${at}.`,
              "Se cerraron todas las demás sesiones.",
            ],
            after: [
              "Si no fuiste tú, restablece tu contraseña de inmediato desde la página de ingreso («¿Olvidaste tu contraseña?») y avisa a la administración de tu comuna.",
            ],
            link: { label: "Mi cuenta", url: data.accountUrl },
            footer: FOOTER.es,
          };
    return {
      subject:
        locale === "en"
          ? "Your Red CIAR password was changed"
          : "Se cambió la contraseña de tu cuenta de la Red CIAR",
      text: layoutText(body),
      html: layoutHtml(body),
    };
  },
});
