import type { Tx } from "@ciar/db/client";
import { userRecoveryCodes } from "@ciar/db/schema";
import { and, count, eq, isNull } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import { hashSecretToken } from "../auth/secret-tokens";

const CODES = 10;
const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

/** 16 characters of base32: 80 random bits, so a SHA-256 is enough (no slow hash to guess against). */
function newCode(): string {
  const bytes = randomBytes(16);
  let code = "";
  for (const byte of bytes) code += ALPHABET[byte % 32];
  return code;
}

/** Shown as four groups of four; accepted with or without dashes, in any case. */
const display = (code: string) => code.match(/.{4}/g)!.join("-");

/** Bound to the person: the same code of two people hashes differently. */
const hashRecoveryCode = (userId: string, normalized: string) => hashSecretToken(`${userId}:${normalized}`);

/** Replaces every recovery code of the person with ten new ones; returns them once, for display. */
export async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId));
  const codes = Array.from({ length: CODES }, newCode);
  await tx
    .insert(userRecoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(userId, code) })));
  return codes.map(display);
}

/** Uses one recovery code (already normalized): true once, false ever after. */
export async function consumeRecoveryCode(tx: Tx, userId: string, normalized: string): Promise<boolean> {
  const used = await tx
    .update(userRecoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(userRecoveryCodes.userId, userId),
        eq(userRecoveryCodes.codeHash, hashRecoveryCode(userId, normalized)),
        isNull(userRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: userRecoveryCodes.id });
  return used.length === 1;
}

export async function recoveryCodesLeft(tx: Tx, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(userRecoveryCodes)
    .where(and(eq(userRecoveryCodes.userId, userId), isNull(userRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}
