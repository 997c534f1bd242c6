import { formatDateTime } from "@ciar/domain/format";
import { FOOTER, layoutHtml, layoutText } from "./layout";
import { defineTemplate } from "./template";

/** Notice: an admin of a commune suspended the person's access to it (their account stays). */
export const accessSuspendedTemplate = defineTemplate<{
  name: string;
  communeName: string;
  reason: string | null;
  at: string;
}>({
  name: "access_suspended",
  render(data, locale) {
    const at = formatDateTime(new Date(data.at), locale);
    const body =
      locale === "en"
        ? {
            paragraphs: [
              `Hello ${data.name},`,
              `Your access to ${data.communeName} on Red CIAR was suspended by an administrator of the commune on ${at}.`,
              ...(data.reason ? [`Reason given: ${data.reason}`] : []),
              "Your account and your other communes do not change.",
            ],
            after: ["If you think this is a mistake, contact the commune's administration."],
            footer: FOOTER.en,
          }
        : {
            paragraphs: [
              `Hola ${data.name}:`,
              `Tu acceso a ${data.communeName} en la Red CIAR fue suspendido por quien administra la comuna el ${at}.`,
              ...(data.reason ? [`Motivo indicado: ${data.reason}`] : []),
              "Tu cuenta y tus otras comunas no cambian.",
            ],
            after: ["Si crees que es un error, comunícate con la administración de la comuna."],
            footer: FOOTER.es,
          };
    return {
      subject:
        locale === "en"
          ? `Your access to ${data.communeName} was suspended`
          : `Tu acceso a ${data.communeName} fue suspendido`,
      text: layoutText(body),
      html: layoutHtml(body),
    };
  },
});
