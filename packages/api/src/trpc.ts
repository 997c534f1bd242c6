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

/** Every procedure starts here: domain and database errors become typed answers in one place. */
export const baseProcedure = t.procedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok) throw toTrpcError(result.error);
  return result;
});
