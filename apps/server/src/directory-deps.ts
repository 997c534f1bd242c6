import { hkdfSync } from "node:crypto";
import { isIP } from "node:net";
import type { DirectoryDeps } from "@ciar/api/context";
import { fetch as undiciFetch } from "undici";
import { createUpstreamAgent, isInternalAddress } from "./gateway/upstream-agent";

/**
 * What the directory sign-in needs from the process: a fetch for the issuers through the
 * gateway's guarded agent (no loopback or private address unless allowed, checked on the address
 * connected to), and the key the subjects (a ClaveÚnica RUN) are hashed with, derived from
 * DATA_ENCRYPTION_KEY so that it is kept (and backed up) with the key itself.
 */
export function createDirectoryDeps(options: {
  allowPrivateIssuers: boolean;
  dataEncryptionKey: Buffer;
  publicUrl: string;
}): DirectoryDeps {
  const agent = createUpstreamAgent({ timeoutMs: 8_000, allowPrivate: options.allowPrivateIssuers });
  const guardedFetch = ((input: string | URL, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher: agent })) as unknown as typeof fetch;
  return {
    fetch: guardedFetch,
    allowPrivateIssuers: options.allowPrivateIssuers,
    isPrivateHost: (host) =>
      host === "localhost" || host.endsWith(".localhost") || (isIP(host) !== 0 && isInternalAddress(host)),
    subjectKey: Buffer.from(
      hkdfSync("sha256", options.dataEncryptionKey, Buffer.alloc(0), "ciar directory subject v1", 32),
    ),
    redirectUri: new URL("/auth/directory/callback", options.publicUrl).href,
  };
}
