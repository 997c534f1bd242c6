import { APP_ERRORS, AppError, errorMessage, type AppErrorCode } from "@ciar/domain/errors";
import type { Locale } from "@ciar/domain/roles";
import { TRPCError } from "@trpc/server";
import { z, ZodError } from "zod";

/**
 * The one place where failures become answers. Domain errors keep their stable code; invalid
 * input gets per-field messages in the caller's language; anything unexpected becomes a generic
 * message with no stack or SQL text.
 */
export function toTrpcError(error: unknown): TRPCError {
  const cause = error instanceof TRPCError ? (error.cause ?? error) : error;
  if (cause instanceof AppError) {
    return new TRPCError({ code: APP_ERRORS[cause.code].status, message: cause.code, cause });
  }
  if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") return error;
  // A service validating data it built (an imported file, say) reports it as invalid input.
  if (cause instanceof ZodError)
    return new TRPCError({ code: "BAD_REQUEST", message: "input.invalid", cause });
  if (isDatabaseUnavailable(cause)) {
    return new TRPCError({
      code: "SERVICE_UNAVAILABLE",
      message: "server.unavailable",
      cause: cause as Error,
    });
  }
  if (error instanceof TRPCError) return error;
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "server.internal", cause: cause as Error });
}

const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "CONNECT_TIMEOUT",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECTION_CLOSED",
  "57P01",
  "57P02",
  "57P03",
]);

/** A database that is away (refused, reset, shutting down): a 503, not a 500. Also used by the gateway. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === "string" && UNAVAILABLE_CODES.has(e.code)) return true;
    e = e.cause as typeof e;
  }
  return false;
}

export interface ErrorData {
  code: TRPCError["code"];
  httpStatus: number;
  /** Stable, documented code (see @ciar/domain/errors). */
  appCode: AppErrorCode;
  /** Per-field messages for invalid input, keyed by the field's path ("email", "members.0.role"). */
  fieldErrors?: Record<string, string[]>;
}

const zodLocales = { es: z.locales.es(), en: z.locales.en() };

export function fieldErrors(error: ZodError, locale: Locale): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "_";
    // A custom issue may carry its own message in both languages (params.i18n).
    const own = (issue as { params?: { i18n?: Partial<Record<Locale, string>> } }).params?.i18n?.[locale];
    const localized = own ?? zodLocales[locale].localeError?.(issue as never);
    const message = typeof localized === "string" ? localized : (localized?.message ?? issue.message);
    (result[key] ??= []).push(message);
  }
  return result;
}

/** tRPC's own text when a batch is longer than the adapter's maxBatchSize (apps/server trpc plugin). */
const BATCH_TOO_LARGE = "Batch call exceeds maximum size";

/** Chooses the stable code and message for the formatter. */
export function describeError(
  error: TRPCError,
  locale: Locale,
): { appCode: AppErrorCode; message: string; fields?: Record<string, string[]> } {
  if (error.cause instanceof ZodError) {
    // Field errors under a more precise code when one was given (input.invalid_text).
    const appCode = error.message in APP_ERRORS ? (error.message as AppErrorCode) : "input.invalid";
    return {
      appCode,
      message: errorMessage(appCode, locale),
      fields: fieldErrors(error.cause, locale),
    };
  }
  if (error.code === "BAD_REQUEST" && error.message === BATCH_TOO_LARGE) {
    return { appCode: "request.batch_too_large", message: errorMessage("request.batch_too_large", locale) };
  }
  if (error.message in APP_ERRORS) {
    const appCode = error.message as AppErrorCode;
    return { appCode, message: errorMessage(appCode, locale) };
  }
  const fallback: Partial<Record<TRPCError["code"], AppErrorCode>> = {
    UNAUTHORIZED: "auth.unauthenticated",
    FORBIDDEN: "permission.denied",
    TOO_MANY_REQUESTS: "auth.rate_limited",
    SERVICE_UNAVAILABLE: "server.unavailable",
  };
  // Framework errors (unparseable body, unknown procedure) get our generic message: their own
  // text is not translated and an internal one may carry details.
  const appCode =
    fallback[error.code] ?? (error.code === "INTERNAL_SERVER_ERROR" ? "server.internal" : "input.invalid");
  return { appCode, message: errorMessage(appCode, locale) };
}
