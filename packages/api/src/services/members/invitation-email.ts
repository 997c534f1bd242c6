import type { MembershipRole } from "@ciar/domain/roles";
import { formatDateTime } from "@ciar/domain/format";
import type { Delivery, Mailer } from "../../mail";
import type { Logger } from "../ports";

const ROLE_NAMES: Record<MembershipRole, { es: string; en: string }> = {
  admin: { es: "administración", en: "administrator" },
  editor: { es: "edición", en: "editor" },
  viewer: { es: "lectura", en: "viewer" },
};

/**
 * The invitation e-mail, Spanish first and English below (we do not know the invitee's language).
 * Sent after the invitation is committed: a failed send never undoes the invitation, the admin
 * still has the link to pass on, and the answer says what happened.
 */
export async function sendInvitationEmail(
  mailer: Mailer | undefined,
  log: Logger,
  invitation: {
    email: string;
    role: MembershipRole;
    expiresAt: Date;
    communeName: string;
    acceptUrl: string;
  },
): Promise<Delivery> {
  if (!mailer) return "disabled";
  const role = ROLE_NAMES[invitation.role];
  const text = [
    `Te invitaron a la Red CIAR como ${role.es} de la Municipalidad de ${invitation.communeName}.`,
    `Acepta la invitación en este enlace (sirve una sola vez y vence el ${formatDateTime(invitation.expiresAt, "es")}):`,
    invitation.acceptUrl,
    "",
    "Si no esperabas este correo, ignóralo.",
    "",
    "---",
    `You have been invited to Red CIAR as ${role.en} of the Municipality of ${invitation.communeName}.`,
    `Accept it with this link (it works once and expires on ${formatDateTime(invitation.expiresAt, "en")}):`,
    invitation.acceptUrl,
  ].join("\n");
  try {
    await mailer.send({
      to: invitation.email,
      subject: `Invitación a la Red CIAR: ${invitation.communeName} / Invitation to Red CIAR`,
      text,
    });
    return "sent";
  } catch (error) {
    log.warn({ err: error, event: "invitation_email_failed" }, "invitation e-mail not sent");
    return "failed";
  }
}
