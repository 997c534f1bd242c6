import i18n from "../i18n";
import { authState } from "./auth-state";

/** The server answers in the UI's language: its error messages arrive already translated. */
export function languageHeader(): Record<string, string> {
  return { "accept-language": i18n.language === "en" ? "en" : "es-CL,es" };
}

/** Headers for every API call: language, the in-memory access token and, in a commune, its id. */
export function requestHeaders(communeId?: string): Record<string, string> {
  const headers = languageHeader();
  const { accessToken } = authState.get();
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  if (communeId) headers["x-commune-id"] = communeId;
  return headers;
}
