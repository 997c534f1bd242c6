import { timingSafeDummyHash, verifyPassword } from "@ciar/db/password";
import { directoryProviders, memberships, users } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import type { LoginInput } from "@ciar/domain/schemas/auth";
import { and, eq, sql } from "drizzle-orm";
import { noticeNewDevice } from "../account/new-device-notice";
import type { AuthCall } from "../ports";
import { signInGate, startSecondStep, type SecondStepMethod } from "../two-step/second-step";
import { issueSession, type IssuedSession } from "./sessions";

/** Signed in, or a second factor is needed first (a short-lived challenge token, not a session). */
export type LoginOutcome =
  | ({ kind: "signed_in"; userId: string; enrolmentRequired: boolean } & IssuedSession)
  | { kind: "two_step"; challengeToken: string; methods: SecondStepMethod[] };

/**
 * E-mail and password → a new session. Unknown e-mail and wrong password get the same error after
 * the same work (a real argon2 verification), so they cannot be told apart. A locked account is
 * named as such only after its correct password.
 */
export async function login(ctx: AuthCall, input: LoginInput): Promise<LoginOutcome> {
  const [user] = await ctx.runAs({ authEmail: input.email }, (tx) =>
    tx
      .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(sql`lower(${users.email})`, input.email)),
  );
  // Verified outside any transaction: argon2 takes tens of milliseconds and must not hold a connection.
  const valid = await verifyPassword(user?.passwordHash ?? (await timingSafeDummyHash()), input.password);
  if (!user || !valid) throw new AppError("auth.invalid_credentials");
  // Only someone who knows the password learns that the account is locked (and whom to ask).
  if (user.disabledAt) throw new AppError("auth.account_locked");

  return ctx.runAs({ userId: user.id }, async (tx): Promise<LoginOutcome> => {
    // A commune that signs in only through its directory turns passwords off for its people.
    const [directoryOnly] = await tx
      .select({ communeId: directoryProviders.communeId })
      .from(directoryProviders)
      .innerJoin(memberships, eq(memberships.communeId, directoryProviders.communeId))
      .where(and(eq(memberships.userId, user.id), eq(directoryProviders.passwordSignInDisabled, true)))
      .limit(1);
    if (directoryOnly) throw new AppError("directory.password_sign_in_off");
    // With a second factor the password alone opens no session; without one where one is
    // required, the session opens but the doors to commune data refuse it until enrolment.
    const gate = await signInGate(tx);
    if (gate.methods.length > 0)
      return { kind: "two_step", methods: gate.methods, ...(await startSecondStep(tx, user.id)) };
    await tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
    await noticeNewDevice(tx, ctx.deps, user.id, ctx.userAgent);
    const session = await issueSession(tx, ctx.deps, user.id, { userAgent: ctx.userAgent });
    return { kind: "signed_in", ...session, userId: user.id, enrolmentRequired: gate.enrolmentRequired };
  });
}
