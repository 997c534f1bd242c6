/**
 * The shared shape of every e-mail: paragraphs, an optional button link and a footer, as plain
 * text and as HTML. Everything placed in the HTML is escaped here, so a template cannot forget to.
 */
export interface MailBody {
  paragraphs: string[];
  link?: { label: string; url: string };
  /** Paragraphs after the link (expiry, "if it was not you…"). */
  after?: string[];
  footer: string;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

export function layoutText(body: MailBody): string {
  return [
    ...body.paragraphs,
    ...(body.link ? [`${body.link.label}:`, body.link.url] : []),
    ...(body.after ?? []),
    "--",
    body.footer,
  ].join("\n\n");
}

export function layoutHtml(body: MailBody): string {
  const p = (text: string) => `<p style="margin:0 0 16px">${escapeHtml(text)}</p>`;
  const link = body.link
    ? `<p style="margin:0 0 16px"><a href="${escapeHtml(body.link.url)}" style="display:inline-block;padding:10px 16px;background:#0b5394;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(body.link.label)}</a></p><p style="margin:0 0 16px;font-size:13px;color:#555555;word-break:break-all">${escapeHtml(body.link.url)}</p>`
    : "";
  return [
    '<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;line-height:1.5">',
    '<div style="max-width:560px;margin:0 auto;padding:24px">',
    ...body.paragraphs.map(p),
    link,
    ...(body.after ?? []).map(p),
    `<p style="margin:24px 0 0;font-size:12px;color:#666666">${escapeHtml(body.footer)}</p>`,
    "</div></body></html>",
  ].join("");
}

export const FOOTER = {
  es: "Red CIAR · Este es un mensaje automático; no lo respondas.",
  en: "Red CIAR · This is an automatic message; do not reply to it.",
} as const;
