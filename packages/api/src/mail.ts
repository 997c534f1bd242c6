/** Outgoing e-mail, as the API needs it. The server wires SMTP; tests wire a recorder. */
export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

/** What happened to an e-mail a procedure tried to send (shown to the person who acted). */
export type Delivery = "sent" | "failed" | "disabled";
