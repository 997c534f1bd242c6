import { rowsOf } from "@ciar/db/rows";
import { userPasskeys, userTotp } from "@ciar/db/schema";
import { asc, eq, sql } from "drizzle-orm";
import type { SignedInUser, TwoStepCall } from "../ports";
import { recoveryCodesLeft } from "./recovery-codes";

/** What Mi cuenta shows: which factors are on, passkeys, codes left, and whether one is required. */
export async function twoStepStatus(ctx: Pick<TwoStepCall, "runAs">, user: SignedInUser) {
  return ctx.runAs({ userId: user.id }, async (tx) => {
    const [totp] = await tx
      .select({ confirmedAt: userTotp.confirmedAt })
      .from(userTotp)
      .where(eq(userTotp.userId, user.id));
    const passkeys = await tx
      .select({
        id: userPasskeys.id,
        name: userPasskeys.name,
        createdAt: userPasskeys.createdAt,
        lastUsedAt: userPasskeys.lastUsedAt,
      })
      .from(userPasskeys)
      .where(eq(userPasskeys.userId, user.id))
      .orderBy(asc(userPasskeys.createdAt));
    const [required] = rowsOf<{ required: boolean }>(
      await tx.execute(sql`select app_two_step_required(null) as required`),
    );
    return {
      totpEnabled: Boolean(totp?.confirmedAt),
      totpEnabledAt: totp?.confirmedAt?.toISOString() ?? null,
      recoveryCodesLeft: totp?.confirmedAt ? await recoveryCodesLeft(tx, user.id) : 0,
      passkeys: passkeys.map((p) => ({
        id: p.id,
        name: p.name,
        createdAt: p.createdAt.toISOString(),
        lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
      })),
      required: required?.required === true,
    };
  });
}
