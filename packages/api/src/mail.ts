/** Outgoing e-mail, as the mail job needs it. The server wires SMTP (or, without it, the log). */
export interface Mailer {
  send(message: { to: string; subject: string; text: string; html?: string }): Promise<void>;
}

/**
 * What happened to an e-mail a procedure asked for (shown to the person who acted): it is queued
 * in the outbox with the change it announces, and the mail job delivers it after the commit.
 */
export type Delivery = "queued";
