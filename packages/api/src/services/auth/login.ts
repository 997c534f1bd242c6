import { timingSafeDummyHash, verifyPassword } from "@ciar/db/password";
import { directoryProviders, memberships, users } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import type { LoginInput } from "@ciar/domain/schemas/auth";
import { and, eq, sql } from "drizzle-orm";
import { noticeNewDevice } from "../account/new-device-notice";
import type { AuthCall } from "../ports";
import { issueSession, type IssuedSession } from "./sessions";

/**
 * E-mail and password → a new session. Unknown e-mail, wrong password and disabled account all
 * get the same error after the same work (a real argon2 verification), so none can be told apart.
 */
export async function login(ctx: AuthCall, input: LoginInput): Promise<IssuedSession & { userId: string }> {
  const [user] = await ctx.runAs({ authEmail: input.email }, (tx) =>
    tx
      .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(sql`lower(${users.email})`, input.email)),
  );
  // Verified outside any transaction: argon2 takes tens of milliseconds and must not hold a connection.
  const valid = await verifyPassword(user?.passwordHash ?? (await timingSafeDummyHash()), input.password);
  if (!user || !valid || user.disabledAt) throw new AppError("auth.invalid_credentials");

  return ctx.runAs({ userId: user.id }, async (tx) => {
    // A commune that signs in only through its directory turns passwords off for its people.
    const [directoryOnly] = await tx
      .select({ communeId: directoryProviders.communeId })
      .from(directoryProviders)
      .innerJoin(memberships, eq(memberships.communeId, directoryProviders.communeId))
      .where(and(eq(memberships.userId, user.id), eq(directoryProviders.passwordSignInDisabled, true)))
      .limit(1);
    if (directoryOnly) throw new AppError("directory.password_sign_in_off");
    await tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
    await noticeNewDevice(tx, ctx.deps, user.id, ctx.userAgent);
    const session = await issueSession(tx, ctx.deps, user.id, { userAgent: ctx.userAgent });
    return { ...session, userId: user.id };
  });
}
