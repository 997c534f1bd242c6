import { formatDateTime } from "@ciar/domain/format";
import type { MembershipRole } from "@ciar/domain/roles";
import { FOOTER, layoutHtml, layoutText, type MailBody } from "./layout";
import { defineTemplate } from "./template";

const ROLE_NAMES: Record<MembershipRole, { es: string; en: string }> = {
  admin: { es: "administración", en: "administrator" },
  editor: { es: "edición", en: "editor" },
  viewer: { es: "lectura", en: "viewer" },
};

/**
 * An invitation to a commune. The invitee has no account (or language) yet: Spanish first, with
 * the English text below, whatever `locale` says.
 */
export const invitationTemplate = defineTemplate<{
  communeName: string;
  role: MembershipRole;
  acceptUrl: string;
  /** ISO date-time. */
  expiresAt: string;
}>({
  name: "invitation",
  render(data) {
    const role = ROLE_NAMES[data.role];
    const expires = new Date(data.expiresAt);
    const body: MailBody = {
      paragraphs: [
        `Te invitaron a la Red CIAR como ${role.es} de la Municipalidad de ${data.communeName}.`,
        `You have been invited to Red CIAR as ${role.en} of the Municipality of ${data.communeName}.`,
      ],
      link: { label: "Aceptar la invitación / Accept the invitation", url: data.acceptUrl },
      after: [
        `El enlace sirve una sola vez y vence el ${formatDateTime(expires, "es")}. Si no esperabas este correo, ignóralo.`,
        `The link works once and expires on ${formatDateTime(expires, "en")}. If you did not expect this e-mail, ignore it.`,
      ],
      footer: `${FOOTER.es} / ${FOOTER.en}`,
    };
    return {
      subject: `Invitación a la Red CIAR: ${data.communeName} / Invitation to Red CIAR`,
      text: layoutText(body),
      html: layoutHtml(body),
    };
  },
});
