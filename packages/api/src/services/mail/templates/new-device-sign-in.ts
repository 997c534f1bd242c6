import { formatDateTime } from "@ciar/domain/format";
import { FOOTER, layoutHtml, layoutText } from "./layout";
import { defineTemplate } from "./template";

/** Security notice: a sign-in from a device (browser and system) the account had not used before. */
export const newDeviceSignInTemplate = defineTemplate<{
  name: string;
  /** "Firefox en Windows", as describeUserAgent() put it, in the recipient's language. */
  device: string;
  at: string;
  accountUrl: string;
}>({
  name: "new_device_sign_in",
  render(data, locale) {
    const at = formatDateTime(new Date(data.at), locale);
    const body =
      locale === "en"
        ? {
            paragraphs: [
              `Hello ${data.name},`,
              `Someone signed in to your Red CIAR account from a new device (${data.device}) on ${at}.`,
              "If it was you, there is nothing to do.",
            ],
            after: ["If it was not you, end that session from My account and change your password."],
            link: { label: "See your sessions", url: data.accountUrl },
            footer: FOOTER.en,
          }
        : {
            paragraphs: [
              `Hola ${data.name}:`,
              `Se inició sesión en tu cuenta de la Red CIAR desde un nuevo dispositivo (${data.device}) el ${at}.`,
              "Si fuiste tú, no tienes que hacer nada.",
            ],
            after: ["Si no fuiste tú, cierra esa sesión desde Mi cuenta y cambia tu contraseña."],
            link: { label: "Ver tus sesiones", url: data.accountUrl },
            footer: FOOTER.es,
          };
    return {
      subject:
        locale === "en"
          ? "New sign-in to your Red CIAR account"
          : "Se inició sesión desde un nuevo dispositivo",
      text: layoutText(body),
      html: layoutHtml(body),
    };
  },
});
