import { initTRPC } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { Context } from "./context";
import { describeError, toTrpcError, type ErrorData } from "./errors";

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error, ctx }) {
    const { appCode, message, fields } = describeError(error, ctx?.locale ?? "es");
    const data: ErrorData = { code: shape.data.code, httpStatus: getHTTPStatusCodeFromError(error), appCode };
    if (fields) data.fieldErrors = fields;
    // No stack, no path to internals, no SQL: only what the client can act on.
    return { code: shape.code, message, data };
  },
});

export const router = t.router;
export const middleware = t.middleware;
export const createCallerFactory = t.createCallerFactory;

/**
 * Every procedure starts here: domain and database errors become typed answers in one place, and
 * each call is timed for the metrics.
 */
export const baseProcedure = t.procedure.use(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const result = await next();
  const error = result.ok ? null : toTrpcError(result.error);
  ctx.deps.observeProcedure?.({
    path,
    type,
    durationMs: performance.now() - started,
    code: error ? error.code : "OK",
  });
  if (error) throw error;
  return result;
});
