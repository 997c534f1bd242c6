import { refreshTokens, users } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import { and, eq, isNull } from "drizzle-orm";
import type { AuthCall } from "../ports";
import { hashSecretToken } from "./secret-tokens";
import { issueSession, type IssuedSession } from "./sessions";

type Outcome = { kind: "rotated"; session: IssuedSession } | { kind: "refused"; reuse: boolean };

/**
 * Rotation with reuse detection: a refresh token works once. Presenting one that was already used
 * means someone else holds a copy, so the whole family (every token descended from that sign-in)
 * is revoked, and that revocation is committed even though the caller is refused.
 */
export async function refreshSession(ctx: AuthCall, token: string): Promise<IssuedSession> {
  const tokenHash = hashSecretToken(token);
  const outcome = await ctx.runAs(
    { refreshTokenHash: tokenHash },
    async (tx, setAccess): Promise<Outcome> => {
      const [row] = await tx
        .select()
        .from(refreshTokens)
        .where(eq(refreshTokens.tokenHash, tokenHash))
        .for("update");
      if (!row) return { kind: "refused", reuse: false };
      // The token has named its user: the rest of the rotation acts as them.
      await setAccess({ userId: row.userId });

      const now = new Date();
      if (row.usedAt || row.revokedAt) {
        if (row.usedAt && !row.revokedAt) {
          await tx
            .update(refreshTokens)
            .set({ revokedAt: now })
            .where(and(eq(refreshTokens.familyId, row.familyId), isNull(refreshTokens.revokedAt)));
          return { kind: "refused", reuse: true };
        }
        return { kind: "refused", reuse: false };
      }
      if (row.expiresAt <= now) return { kind: "refused", reuse: false };

      const [user] = await tx
        .select({ disabledAt: users.disabledAt })
        .from(users)
        .where(eq(users.id, row.userId));
      if (!user || user.disabledAt) return { kind: "refused", reuse: false };

      await tx.update(refreshTokens).set({ usedAt: now }).where(eq(refreshTokens.id, row.id));
      const session = await issueSession(tx, ctx.deps, row.userId, {
        familyId: row.familyId,
        userAgent: ctx.userAgent,
      });
      return { kind: "rotated", session };
    },
  );

  if (outcome.kind === "rotated") return outcome.session;
  if (outcome.reuse)
    ctx.log.warn({ event: "refresh_token_reuse" }, "refresh token reused: session family revoked");
  throw new AppError("auth.session_expired");
}

/** Sign-out: revokes the session's whole family. Unknown tokens are ignored. */
export async function logout(ctx: AuthCall, token: string): Promise<void> {
  const tokenHash = hashSecretToken(token);
  await ctx.runAs({ refreshTokenHash: tokenHash }, async (tx, setAccess) => {
    const [row] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash));
    if (!row) return;
    await setAccess({ userId: row.userId });
    await tx
      .update(refreshTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(refreshTokens.familyId, row.familyId), isNull(refreshTokens.revokedAt)));
  });
}
