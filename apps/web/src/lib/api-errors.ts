import type { AppRouter } from "@ciar/api/router";
import type { AppErrorCode } from "@ciar/domain/errors";
import { TRPCClientError } from "@trpc/client";

export type FieldErrors = Record<string, string[]>;

function errorData(error: unknown) {
  return error instanceof TRPCClientError ? (error as TRPCClientError<AppRouter>).data : undefined;
}

/** The stable code the API puts in `error.data.appCode` (see @ciar/domain/errors). */
export function appCodeOf(error: unknown): AppErrorCode | undefined {
  return errorData(error)?.appCode;
}

/** Per-field messages of an invalid input, already in the UI's language. */
export function serverFieldErrors(error: unknown): FieldErrors {
  return errorData(error)?.fieldErrors ?? {};
}

/** The access token is missing or expired: worth one refresh and a retry. */
export function isSessionError(error: unknown): boolean {
  const code = appCodeOf(error);
  return code === "auth.session_expired" || code === "auth.unauthenticated";
}

/**
 * What to tell the person. Answers from our API carry a message already localized by the server;
 * anything else (network down, a proxy's HTML error page) has no such message, so the caller
 * shows its own generic text instead.
 */
export function serverMessage(error: unknown): string | null {
  return appCodeOf(error) && error instanceof Error ? error.message : null;
}
