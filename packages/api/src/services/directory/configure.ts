import type { Tx } from "@ciar/db/client";
import { directoryProviders } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import type { SaveDirectoryInput } from "@ciar/domain/schemas/directory";
import { eq } from "drizzle-orm";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import type { SecretBox } from "../crypto/secret-box";
import type { DirectoryDeps } from "../ports";
import { assertIssuerAllowed } from "./issuer";

/** The context a commune's client secret is sealed under: a copy in another commune's row does not open. */
export const clientSecretContext = (communeId: string) => `directory_client_secret:${communeId}`;

/** The commune's directory as its admin sees it: the secret only as set or not set. */
export async function getDirectory(tx: Tx, communeId: string, deps: DirectoryDeps) {
  const [row] = await tx.select().from(directoryProviders).where(eq(directoryProviders.communeId, communeId));
  return {
    redirectUri: deps.redirectUri,
    provider: row
      ? {
          kind: row.kind,
          issuerUrl: row.issuerUrl,
          clientId: row.clientId,
          clientSecretSet: row.clientSecretSealed !== null,
          allowedDomains: row.allowedDomains,
          defaultRole: row.defaultRole,
          enabled: row.enabled,
          passwordSignInDisabled: row.passwordSignInDisabled,
          updatedAt: row.updatedAt,
        }
      : null,
  };
}

/**
 * Creates or replaces the commune's directory. The secret is sealed before it reaches the
 * database; omitted, the stored one stays. Audited without the secret (only whether it changed).
 */
export async function saveDirectory(
  tx: Tx,
  actor: Actor,
  deps: { directory: DirectoryDeps; secretBox: SecretBox },
  input: SaveDirectoryInput,
) {
  assertIssuerAllowed(deps.directory, input.issuerUrl);
  const [existing] = await tx
    .select({ clientSecretSealed: directoryProviders.clientSecretSealed })
    .from(directoryProviders)
    .where(eq(directoryProviders.communeId, actor.communeId));
  const sealed = input.clientSecret
    ? deps.secretBox.seal(input.clientSecret, clientSecretContext(actor.communeId))
    : (existing?.clientSecretSealed ?? null);
  // Every kind we support is a confidential client (ClaveÚnica, Entra, Google and Keycloak all issue a secret).
  if (input.enabled && !sealed) throw new AppError("directory.secret_required");
  if (input.enabled && input.allowedDomains.length === 0) throw new AppError("directory.domains_required");
  const allowedDomains = [...new Set(input.allowedDomains)];
  const values = {
    kind: input.kind,
    issuerUrl: input.issuerUrl,
    clientId: input.clientId,
    clientSecretSealed: sealed,
    allowedDomains,
    defaultRole: input.defaultRole,
    enabled: input.enabled,
    // Passwords can only be off while the directory is on (also a CHECK in migration 0023).
    passwordSignInDisabled: input.enabled && input.passwordSignInDisabled,
    updatedAt: new Date(),
  };
  await tx
    .insert(directoryProviders)
    .values({ communeId: actor.communeId, ...values })
    .onConflictDoUpdate({ target: directoryProviders.communeId, set: values });
  await recordAudit(tx, actor, {
    action: "directory.configured",
    entityType: "directory_provider",
    entityId: actor.communeId,
    changes: {
      kind: values.kind,
      issuerUrl: values.issuerUrl,
      clientId: values.clientId,
      clientSecretChanged: Boolean(input.clientSecret),
      allowedDomains,
      defaultRole: values.defaultRole,
      enabled: values.enabled,
      passwordSignInDisabled: values.passwordSignInDisabled,
    },
  });
  return getDirectory(tx, actor.communeId, deps.directory);
}
