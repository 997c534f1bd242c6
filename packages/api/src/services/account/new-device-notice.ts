import type { Tx } from "@ciar/db/client";
import { refreshTokens, users } from "@ciar/db/schema";
import { describeDevice } from "@ciar/domain/user-agent";
import { and, eq, sql } from "drizzle-orm";
import { queueMail } from "../mail/queue-mail";
import type { AccountMail } from "../ports";
import { accountUrl } from "./account-links";

/**
 * "Se inició sesión desde un nuevo dispositivo": at sign-in, before the new session is stored, an
 * account that has signed in before but never with this User-Agent (browser, version and system)
 * is told by e-mail. The first sign-in of an account is not news. Runs in the sign-in transaction,
 * as the account (app.user_id).
 */
export async function noticeNewDevice(
  tx: Tx,
  deps: AccountMail,
  userId: string,
  userAgent: string | undefined,
): Promise<void> {
  const agent = userAgent?.slice(0, 300) ?? null;
  const [history] = await tx
    .select({
      any: sql<boolean>`count(*) > 0`,
      same: sql<boolean>`coalesce(bool_or(${refreshTokens.userAgent} is not distinct from ${agent}), false)`,
    })
    .from(refreshTokens)
    .where(eq(refreshTokens.userId, userId));
  if (!history?.any || history.same) return;
  const [account] = await tx
    .select({ email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(and(eq(users.id, userId)));
  if (!account) return;
  await queueMail(tx, deps.secretBox, {
    to: account.email,
    template: "new_device_sign_in",
    locale: account.locale,
    data: {
      name: account.name,
      device: describeDevice(agent, account.locale),
      at: new Date().toISOString(),
      accountUrl: accountUrl(deps.publicUrl),
    },
  });
}
