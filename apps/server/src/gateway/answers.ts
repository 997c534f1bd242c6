import { Readable } from "node:stream";
import { REPLAYED_HEADERS, type StoredAnswer } from "@ciar/api/gateway/idempotency";
import type { FastifyReply } from "fastify";
import { callerResponseHeaders } from "./headers";

/** Header of a replayed answer, as Stripe names it: the module was not called again. */
const REPLAYED_HEADER = "idempotent-replayed";

/** The whole request body (empty when there is none), or null when it exceeds `limit` bytes. */
export async function readRequestBody(body: Readable | undefined, limit: number): Promise<Buffer | null> {
  if (!body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > limit) {
      body.destroy();
      return null;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads an answer up to `max` bytes: `whole` when it fits (to store and send), otherwise `rest`,
 * a stream that yields what was read and then the remainder (sent, not stored).
 */
export async function readAnswer(
  stream: Readable,
  max: number,
): Promise<{ whole: Buffer; rest?: undefined } | { whole: null; rest: Readable }> {
  const chunks: Buffer[] = [];
  let size = 0;
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  for (;;) {
    const next = await iterator.next();
    if (next.done) return { whole: Buffer.concat(chunks) };
    chunks.push(next.value);
    size += next.value.length;
    if (size > max) {
      const rest = Readable.from(
        (async function* () {
          yield* chunks;
          for (let more = await iterator.next(); !more.done; more = await iterator.next()) yield more.value;
        })(),
        { objectMode: false },
      );
      return { whole: null, rest };
    }
  }
}

/** The headers of the module's answer a replay repeats (REPLAYED_HEADERS). */
export function replayedHeaders(
  upstream: Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(upstream)) {
    const lower = name.toLowerCase();
    if (value !== undefined && (REPLAYED_HEADERS as readonly string[]).includes(lower)) kept[lower] = value;
  }
  return kept;
}

/** A stored answer, sent again as it was, with the gateway's own headers. */
export function sendStoredAnswer(reply: FastifyReply, answer: StoredAnswer, requestId: string): FastifyReply {
  return reply
    .code(answer.status)
    .headers({
      ...callerResponseHeaders(answer.headers, { requestId, billingWarning: null }),
      [REPLAYED_HEADER]: "true",
    })
    .send(answer.body);
}
