import type { Tx } from "@ciar/db/client";
import { mailOutbox } from "@ciar/db/schema";
import type { Locale } from "@ciar/domain/roles";
import { v7 as uuidv7 } from "uuid";
import type { SecretBox } from "../crypto/secret-box";
import { noteQueuedMail } from "./queued-in-transaction";
import type { MailTemplateData, MailTemplateName } from "./templates/registry";

export interface QueuedMail<N extends MailTemplateName> {
  to: string;
  template: N;
  locale: Locale;
  data: MailTemplateData<N>;
}

/** The sealed data's context: binds it to its outbox row, so a copy in another row does not open. */
export function mailDataContext(outboxId: string): string {
  return `mail_outbox:${outboxId}`;
}

/**
 * Queues an e-mail in the caller's transaction: it is sent if and only if the transaction commits
 * (never inside the request; the `mail` job delivers it with retries). The template's data, which
 * may hold a link with a token, is sealed with the secret box: the outbox never holds it in clear.
 * Once the transaction commits, the door that opened it wakes the mail job
 * (queued-in-transaction.ts); a sweep sends anything a dead process left behind.
 */
export async function queueMail<N extends MailTemplateName>(
  tx: Tx,
  box: SecretBox,
  mail: QueuedMail<N>,
): Promise<string> {
  // The id is made here (not returned by the insert): the caller may not read the outbox back.
  const id = uuidv7();
  await tx.insert(mailOutbox).values({
    id,
    recipient: mail.to,
    template: mail.template,
    locale: mail.locale,
    sealedData: box.seal(JSON.stringify(mail.data), mailDataContext(id)),
  });
  noteQueuedMail(tx, id);
  return id;
}
