import type { FastifyServerOptions } from "fastify";
import { stdSerializers } from "pino";

/**
 * Logs are JSON lines with the request id (and, for tenant calls, the commune id). They never carry
 * tokens, cookies, request bodies or query strings, and database errors lose their parameters,
 * which may hold e-mail addresses or hashes.
 */
export function loggerOptions(level: string): FastifyServerOptions["logger"] {
  return {
    level,
    redact: [
      "req.headers.authorization",
      'req.headers["x-api-key"]',
      "req.headers.cookie",
      'res.headers["set-cookie"]',
    ],
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        path: req.url.split("?")[0],
        id: req.id,
      }),
      err: serializeError,
    },
  };
}

export function serializeError(error: Error): {
  type: string;
  message: string;
  stack: string;
  [key: string]: unknown;
} {
  const serialized = stdSerializers.err(error) as unknown as Record<string, unknown>;
  return scrub(serialized, 0) as { type: string; message: string; stack: string };
}

const SECRET_KEYS = new Set(["params", "parameters", "query", "password", "passwordHash", "token"]);

function scrub(value: Record<string, unknown>, depth: number): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (SECRET_KEYS.has(key)) continue;
    if ((key === "message" || key === "stack") && typeof field === "string") {
      // drizzle: "Failed query: <sql>\nparams: <values>", repeated at the top of the stack.
      result[key] = field.replace(/\nparams:[^\n]*/g, "");
    } else if (field && typeof field === "object" && depth < 4 && !Array.isArray(field)) {
      result[key] = scrub(field as Record<string, unknown>, depth + 1);
    } else {
      result[key] = field;
    }
  }
  return result;
}
