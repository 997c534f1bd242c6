import { mailOutbox } from "@ciar/db/schema";
import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { Mailer } from "../../mail";
import type { SecretBox } from "../crypto/secret-box";
import type { JobsDoor, Logger } from "../ports";
import { mailDataContext } from "./queue-mail";
import { templateNamed } from "./templates/registry";

type MailDoor = JobsDoor["forMailDelivery"];

export interface MailDelivery {
  door: MailDoor;
  box: SecretBox;
  mailer: Mailer;
  log: Logger;
  /** First retry delay; each next one doubles, up to an hour. */
  retryBaseSeconds: number;
  /** After this many failed attempts the message is given up (status 'failed', logged as an error). */
  maxAttempts: number;
}

export type DeliveryOutcome =
  { kind: "sent" } | { kind: "not_due" } | { kind: "retry"; at: Date } | { kind: "given_up" };

/**
 * One attempt at one outbox row. The claim and the send are apart: no transaction (and on PGlite,
 * no connection) is held while the SMTP server answers. The claim counts the attempt and moves the
 * next one forward by the backoff in one statement, so two workers never send the same message at
 * once, and a process that dies mid-send leaves the row due again at that time (the sweep finds
 * it). An SMTP server that accepted the message just before the process died may get it twice:
 * at-least-once, as e-mail always is.
 */
export async function deliverMail(deps: MailDelivery, outboxId: string): Promise<DeliveryOutcome> {
  const [row] = await deps.door((tx) =>
    tx
      .update(mailOutbox)
      .set({
        attempts: sql`${mailOutbox.attempts} + 1`,
        nextAttemptAt: sql`now() + make_interval(secs => least(${deps.retryBaseSeconds}::float8 * power(2, ${mailOutbox.attempts}), 3600))`,
      })
      .where(
        and(
          eq(mailOutbox.id, outboxId),
          eq(mailOutbox.status, "pending"),
          lte(mailOutbox.nextAttemptAt, sql`now()`),
        ),
      )
      .returning(),
  );
  if (!row) return { kind: "not_due" };

  let failure: unknown;
  try {
    const template = templateNamed(row.template);
    if (!template || !row.sealedData) throw new PermanentMailError(`unknown template ${row.template}`);
    const data: unknown = JSON.parse(deps.box.open(row.sealedData, mailDataContext(row.id)));
    const rendered = template.render(data, row.locale);
    await deps.mailer.send({ to: row.recipient, ...rendered });
  } catch (error) {
    failure = error;
  }

  if (failure === undefined) {
    // Delivered: the sealed data (a link, a token) is no longer needed and is erased.
    await deps.door((tx) =>
      tx
        .update(mailOutbox)
        .set({ status: "sent", sentAt: new Date(), sealedData: null, lastError: null })
        .where(eq(mailOutbox.id, row.id)),
    );
    deps.log.info({ event: "mail_sent", outboxId: row.id, template: row.template }, "e-mail sent");
    return { kind: "sent" };
  }

  const message = failure instanceof Error ? failure.message : String(failure);
  const giveUp = failure instanceof PermanentMailError || row.attempts >= deps.maxAttempts;
  await deps.door((tx) =>
    tx
      .update(mailOutbox)
      .set({ lastError: message.slice(0, 500), ...(giveUp ? { status: "failed" as const } : {}) })
      .where(eq(mailOutbox.id, row.id)),
  );
  if (giveUp) {
    deps.log.error(
      {
        event: "mail_given_up",
        outboxId: row.id,
        template: row.template,
        attempts: row.attempts,
        err: failure,
      },
      "e-mail given up",
    );
    return { kind: "given_up" };
  }
  deps.log.warn(
    {
      event: "mail_retry",
      outboxId: row.id,
      attempts: row.attempts,
      nextAttemptAt: row.nextAttemptAt,
      err: failure,
    },
    "e-mail not sent; will retry",
  );
  return { kind: "retry", at: row.nextAttemptAt };
}

/** A message that can never be sent (its template is gone, its data does not open). */
class PermanentMailError extends Error {}

/**
 * The outbox rows due for more than `graceSeconds`: their wake-up was lost (the process died
 * between the commit and the job, or between a failure and its retry). The mail job's sweep
 * queues them again; a duplicate wake-up is harmless (the claim above lets one attempt through).
 */
export async function overdueMail(door: MailDoor, graceSeconds: number, limit = 500): Promise<string[]> {
  const rows = await door((tx) =>
    tx
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(
        and(
          eq(mailOutbox.status, "pending"),
          lte(mailOutbox.nextAttemptAt, sql`now() - make_interval(secs => ${graceSeconds}::float8)`),
        ),
      )
      .orderBy(asc(mailOutbox.nextAttemptAt))
      .limit(limit),
  );
  return rows.map((r) => r.id);
}
