import type { Mailer } from "@ciar/api/mail";
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
