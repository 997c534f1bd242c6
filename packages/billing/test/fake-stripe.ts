/**
 * A local fake of the few Stripe endpoints the adapter uses: a test double at the edge, started
 * by the tests on 127.0.0.1 and reached through the SDK's host/port/protocol settings. It checks
 * the bearer key and the Idempotency-Key of every POST, replays a repeated key like Stripe (and
 * refuses it with other parameters), records every request, and answers with realistic objects.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeForm, type FormObject } from "./form";
import { createFakeStripeState, StripeFailure, type Json } from "./fake-stripe-state";

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: FormObject;
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  stripeVersion: string | undefined;
}

export async function startFakeStripe(secretKey: string) {
  const requests: RecordedRequest[] = [];
  const idempotency = new Map<string, { fingerprint: string; status: number; body: Json }>();
  const { route, object, lastId } = createFakeStripeState();
  /** Outages arranged by a test: the next `times` requests matching answer 500 (and change nothing). */
  const outages: { method: string; path: RegExp; times: number }[] = [];

  function handle(request: RecordedRequest, raw: string): { status: number; body: Json } {
    if (request.authorization !== `Bearer ${secretKey}`) {
      throw new StripeFailure(401, "invalid_request_error", "Invalid API Key provided");
    }
    const outage = outages.find(
      (o) => o.times > 0 && o.method === request.method && o.path.test(request.path),
    );
    if (outage) {
      outage.times -= 1;
      throw new StripeFailure(
        500,
        "api_error",
        "Something went wrong on Stripe's end (arranged by the test)",
      );
    }
    if (request.method === "POST") {
      const key = request.idempotencyKey;
      if (!key) throw new StripeFailure(400, "invalid_request_error", "Missing Idempotency-Key");
      const fingerprint = `${request.path}?${raw}`;
      const seen = idempotency.get(key);
      if (seen && seen.fingerprint !== fingerprint) {
        throw new StripeFailure(
          400,
          "idempotency_error",
          "Keys for idempotent requests can only be used with the same parameters they were first used with.",
        );
      }
      if (seen) return seen;
      const answer = { status: 200, body: structuredClone(route(request)) };
      idempotency.set(key, { fingerprint, ...answer });
      return answer;
    }
    return { status: 200, body: route(request) };
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://localhost");
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: decodeForm(raw),
      authorization: header("authorization"),
      idempotencyKey: header("idempotency-key"),
      stripeVersion: header("stripe-version"),
    };
    requests.push(recorded);
    let status: number;
    let body: Json;
    try {
      ({ status, body } = handle(recorded, raw));
    } catch (error) {
      if (!(error instanceof StripeFailure)) throw error;
      status = error.status;
      body = { error: { type: error.type, message: error.message, code: error.code } };
    }
    res.writeHead(status, { "content-type": "application/json", "request-id": `req_${lastId()}` });
    res.end(JSON.stringify(body));
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { type: "api_error", message: String(error) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    port,
    host: "127.0.0.1",
    requests,
    /** Requests to one path (and method), in order. */
    calls: (method: string, path: string | RegExp) =>
      requests.filter(
        (r) => r.method === method && (typeof path === "string" ? r.path === path : path.test(r.path)),
      ),
    /** An object as the fake holds it, to arrange a state. */
    object,
    /** The next `times` requests to `path` (and method) fail with 500, as in a Stripe outage. */
    failNext(method: string, path: RegExp, times = 1) {
      outages.push({ method, path, times });
    },
    async close(): Promise<void> {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeStripe = Awaited<ReturnType<typeof startFakeStripe>>;
