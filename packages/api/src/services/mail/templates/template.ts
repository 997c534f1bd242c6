import type { Locale } from "@ciar/domain/roles";

/** A message ready for the Mailer: plain text and HTML say the same. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/**
 * One e-mail template: a module per template (templates/*.ts), listed once in registry.ts. `render`
 * receives the data the service queued (after it was sealed, stored and opened again: plain JSON)
 * and the recipient's language.
 */
export interface MailTemplate<Data> {
  name: string;
  render(data: Data, locale: Locale): RenderedMail;
}

/** Declares a template with its data type (the registry keeps the type for queueMail). */
export function defineTemplate<Data>(template: MailTemplate<Data>): MailTemplate<Data> {
  return template;
}
