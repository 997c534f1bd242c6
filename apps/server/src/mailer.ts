import type { Mailer } from "@ciar/api/mail";
import type { FastifyBaseLogger } from "fastify";
import nodemailer from "nodemailer";

/** SMTP delivery (any provider: the municipality's own server, SES, Postmark…) through nodemailer. */
export function createSmtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    send: async (message) => {
      await transport.sendMail({ from, ...message });
    },
  };
}

/**
 * Without SMTP_URL: messages are built by nodemailer (its JSON transport, so a template that
 * breaks MIME fails here as it would over SMTP) and written to the server log instead of sent.
 * In development that is how a developer follows a recovery or invitation link from `npm start`.
 * In production the body (which holds such links) is never logged, and the message is not marked
 * as sent: the attempt fails ("SMTP_URL is not set"), is retried with the others and, if SMTP is
 * still missing, given up with an error in the log.
 */
export function createLogMailer(log: FastifyBaseLogger, production: boolean): Mailer {
  const transport = nodemailer.createTransport({ jsonTransport: true });
  return {
    send: async (message) => {
      if (production) throw new Error("SMTP_URL is not set: e-mail not delivered");
      await transport.sendMail({ from: "Red CIAR <no-reply@localhost>", ...message });
      log.info(
        { event: "mail_logged", to: message.to, subject: message.subject, text: message.text },
        "e-mail (no SMTP_URL: written to the log instead of sent)",
      );
    },
  };
}
