import { formatDateTime } from "@ciar/domain/format";
import { FOOTER, layoutHtml, layoutText } from "./layout";
import { defineTemplate } from "./template";

/** Notice: the platform's administration locked the account (no sign-in anywhere, sessions ended). */
export const accountLockedTemplate = defineTemplate<{ name: string; reason: string | null; at: string }>({
  name: "account_locked",
  render(data, locale) {
    const at = formatDateTime(new Date(data.at), locale);
    const body =
      locale === "en"
        ? {
            paragraphs: [
              `Hello ${data.name},`,
              `Your Red CIAR account was locked by the platform's administration on ${at}: you cannot sign in, and your open sessions were ended.`,
              ...(data.reason ? [`Reason given: ${data.reason}`] : []),
            ],
            after: ["To recover it, write to the platform's support."],
            footer: FOOTER.en,
          }
        : {
            paragraphs: [
              `Hola ${data.name}:`,
              `Tu cuenta de la Red CIAR fue bloqueada por la administración de la plataforma el ${at}: no puedes iniciar sesión y se cerraron tus sesiones abiertas.`,
              ...(data.reason ? [`Motivo indicado: ${data.reason}`] : []),
            ],
            after: ["Para recuperarla, escribe al soporte de la plataforma."],
            footer: FOOTER.es,
          };
    return {
      subject:
        locale === "en" ? "Your Red CIAR account was locked" : "Tu cuenta de la Red CIAR fue bloqueada",
      text: layoutText(body),
      html: layoutHtml(body),
    };
  },
});
