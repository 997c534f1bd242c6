import { z } from "zod";
import { MEMBERSHIP_ROLES } from "../roles";
import { zEmail, zUuid } from "./common";

export const DIRECTORY_KINDS = ["entra", "google", "keycloak", "claveunica"] as const;
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number];

/**
 * An OpenID issuer: http(s), no credentials, query or fragment (the discovery document is found at
 * <issuer>/.well-known/openid-configuration). Whether its host may be private is the server's call
 * (OIDC_PRIVATE_ISSUERS, like the gateway's upstreams).
 */
export const zIssuerUrl = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .refine(
    (value) => !/[?#]/.test(value) && !/^[a-z]+:\/\/[^/]*@/i.test(value),
    "an issuer has no credentials, query or fragment",
  );

/** An e-mail domain, lower-cased ("laserena.cl"). */
const zDomain = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(253)
  .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "an e-mail domain");

export const zSaveDirectoryInput = z.object({
  kind: z.enum(DIRECTORY_KINDS),
  issuerUrl: zIssuerUrl,
  clientId: z.string().trim().min(1).max(300),
  /** Omitted: keep the stored one. Never sent back to a client. */
  clientSecret: z.string().min(1).max(1000).optional(),
  allowedDomains: z.array(zDomain).max(20),
  defaultRole: z.enum(MEMBERSHIP_ROLES),
  enabled: z.boolean(),
  passwordSignInDisabled: z.boolean(),
});
export type SaveDirectoryInput = z.infer<typeof zSaveDirectoryInput>;

export const zTestDirectoryInput = z.object({ issuerUrl: zIssuerUrl });

export const zDiscoverDirectoryInput = z.object({ email: zEmail });

/** Where the browser goes to start a directory sign-in (GET /auth/directory/start). */
export const zStartDirectoryQuery = z.object({
  commune: zUuid,
  /** A path of the dashboard to come back to; anything else is replaced by "/". */
  returnTo: z.string().max(500).optional(),
});

/** Why "Probar conexión" failed; the dashboard words each one (es/en). */
export const DIRECTORY_TEST_FAILURES = [
  "unreachable",
  "address_not_allowed",
  "not_oidc",
  "issuer_mismatch",
  "no_code_flow",
  "no_pkce_s256",
] as const;
export type DirectoryTestFailure = (typeof DIRECTORY_TEST_FAILURES)[number];
