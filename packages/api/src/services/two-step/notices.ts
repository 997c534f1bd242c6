import type { Tx } from "@ciar/db/client";
import { users } from "@ciar/db/schema";
import { eq } from "drizzle-orm";
import type { SecretBox } from "../crypto/secret-box";
import { queueMail } from "../mail/queue-mail";

interface NoticeDeps {
  secretBox: SecretBox;
  publicUrl: string;
}

type Notice =
  | { template: "two_step_enabled"; method: "totp" | "passkey" }
  | { template: "two_step_reset"; communeName: string };

/**
 * Tells the person, by e-mail in their language, that their second factors changed: queued in the
 * transaction that changed them, so it is sent if and only if the change commits.
 */
export async function queueTwoStepNotice(tx: Tx, deps: NoticeDeps, userId: string, notice: Notice) {
  const [person] = await tx
    .select({ email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(eq(users.id, userId));
  if (!person) return;
  const common = {
    name: person.name,
    at: new Date().toISOString(),
    accountUrl: new URL("/cuenta", deps.publicUrl).toString(),
  };
  if (notice.template === "two_step_enabled")
    await queueMail(tx, deps.secretBox, {
      to: person.email,
      template: "two_step_enabled",
      locale: person.locale,
      data: { ...common, method: notice.method },
    });
  else
    await queueMail(tx, deps.secretBox, {
      to: person.email,
      template: "two_step_reset",
      locale: person.locale,
      data: { ...common, communeName: notice.communeName },
    });
}
