declare module "fastify" {
  interface FastifyRequest {
    /** The caller's own x-request-id, when it has the strict format below; never our request id. */
    clientRequestId?: string;
  }
}

// A uuid, a ULID, a hex trace id or "web-42": letters, digits and . _ : - , at most 64.
const CLIENT_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/**
 * Every request gets a server-generated id (a UUIDv7, Fastify's genReqId): it is what the logs,
 * the audit log and the modules see, and what the response's x-request-id returns. A caller may
 * send its own x-request-id to correlate with its logs; it is logged apart, as clientRequestId,
 * and only in the strict format above (anything else, 4 KB of it say, is dropped).
 */
export function clientRequestId(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value && CLIENT_REQUEST_ID.test(value) ? value : undefined;
}
