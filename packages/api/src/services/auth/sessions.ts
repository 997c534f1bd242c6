import type { Tx } from "@ciar/db/client";
import { coalitionRoles, refreshTokens } from "@ciar/db/schema";
import type { PlatformRole } from "@ciar/domain/roles";
import { eq } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import type { SessionIssuer } from "../ports";
import { newSecretToken } from "./secret-tokens";

export interface IssuedSession {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

/**
 * Issues an access token and a refresh token of `familyId` (a new family at sign-in, the same
 * family when rotating). Runs inside a transaction with app.user_id set to `userId`.
 */
export async function issueSession(
  tx: Tx,
  deps: SessionIssuer,
  userId: string,
  options: { familyId?: string; userAgent?: string | undefined },
): Promise<IssuedSession> {
  const roles = await tx
    .select({ role: coalitionRoles.role })
    .from(coalitionRoles)
    .where(eq(coalitionRoles.userId, userId));
  const { token, hash } = newSecretToken();
  const refreshTokenExpiresAt = new Date(Date.now() + deps.refreshTokenTtlDays * 86_400_000);
  // The family is the session: the access token names it, and revoking the family ends both.
  const familyId = options.familyId ?? uuidv7();
  await tx.insert(refreshTokens).values({
    userId,
    familyId,
    tokenHash: hash,
    expiresAt: refreshTokenExpiresAt,
    userAgent: options.userAgent?.slice(0, 300) ?? null,
  });
  return {
    accessToken: deps.signAccessToken({
      sub: userId,
      sid: familyId,
      roles: roles.map((r) => r.role as PlatformRole),
    }),
    accessTokenExpiresAt: new Date(Date.now() + deps.accessTokenTtlSeconds * 1000).toISOString(),
    refreshToken: token,
    refreshTokenExpiresAt,
  };
}
