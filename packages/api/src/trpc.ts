import { errorMessage } from "@ciar/domain/errors";
import { unstorableTextPaths } from "@ciar/domain/schemas/common";
import { initTRPC, TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { Context } from "./context";
import { ZodRealError } from "zod";
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

/**
 * Every procedure starts here: domain and database errors become typed answers in one place, and
 * each call is timed for the metrics.
 */
export const baseProcedure = t.procedure.use(async ({ ctx, path, type, next, getRawInput }) => {
  const started = performance.now();
  const refused = await refuseUnstorableText(getRawInput);
  const result = refused ? null : await next();
  const error = refused ?? (result!.ok ? null : toTrpcError(result!.error));
  ctx.deps.observeProcedure?.({
    path,
    type,
    durationMs: performance.now() - started,
    code: error ? error.code : "OK",
  });
  if (error) throw error;
  return result!;
});

/**
 * One rule for every text field of every procedure, before any parser runs: a NUL or a lone
 * surrogate anywhere in the input is a 400 naming the fields, never a database error (a 500).
 * A guard here rather than a refinement on each zod string cannot be forgotten by a new field.
 */
async function refuseUnstorableText(getRawInput: () => Promise<unknown>): Promise<TRPCError | null> {
  let input: unknown;
  try {
    input = await getRawInput();
  } catch {
    // Unparseable: a procedure with an input parser answers 400 itself; one without ignores it.
    return null;
  }
  const paths = unstorableTextPaths(input);
  if (paths.length === 0) return null;
  const issues = paths.map((path) => ({
    code: "custom" as const,
    path: path ? path.split(".") : [],
    message: "unstorable text",
    input: undefined,
    params: {
      i18n: { es: errorMessage("input.invalid_text", "es"), en: errorMessage("input.invalid_text", "en") },
    },
  }));
  return new TRPCError({
    code: "BAD_REQUEST",
    message: "input.invalid_text",
    cause: new ZodRealError(issues),
  });
}
