import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server for tests (the `smtp-server` package), on a free port of 127.0.0.1: the
 * platform delivers to it through nodemailer exactly as to a municipality's server, and each
 * delivered message is parsed with `mailparser`. `stop()` closes the port, so the platform's
 * next attempts fail as against a server that is down; `start()` opens the same port again.
 */
export interface TestSmtpServer {
  /** smtp://127.0.0.1:<port>, for SMTP_URL (no TLS, no authentication). */
  url: string;
  messages: ParsedMail[];
  /** Resolves with the first delivered message (past or future) for which `match` holds. */
  waitFor(match: (message: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const messages: ParsedMail[] = [];
  const waiters: Array<{ match: (m: ParsedMail) => boolean; resolve: (m: ParsedMail) => void }> = [];
  let port = 0;
  let server: SMTPServer | undefined;

  const listen = async () => {
    const next = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            messages.push(parsed);
            for (const waiter of waiters.splice(0)) {
              if (waiter.match(parsed)) waiter.resolve(parsed);
              else waiters.push(waiter);
            }
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      next.once("error", reject);
      next.listen(port, "127.0.0.1", () => resolve());
    });
    port = (next.server.address() as { port: number }).port;
    server = next;
  };
  await listen();

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor(match, timeoutMs = 20_000) {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching e-mail within ${timeoutMs / 1000} s`)),
          timeoutMs,
        );
        waiters.push({
          match,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
    async stop() {
      const current = server;
      server = undefined;
      if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
    },
    start: listen,
  };
}

/** The addresses a parsed message was sent to. */
export function recipientsOf(message: ParsedMail): string[] {
  const to = Array.isArray(message.to) ? message.to : message.to ? [message.to] : [];
  return to.flatMap((group) => group.value.map((a) => a.address ?? ""));
}
