import type { Tx } from "@ciar/db/client";
import { userTotp } from "@ciar/db/schema";
import { and, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import type { SecretBox } from "../crypto/secret-box";

/** The sealed seed names its owner: a value copied to another person's row does not open. */
export const totpContext = (userId: string) => `totp:${userId}`;

/** 30-second steps; a code of the step before or after is accepted (clocks drift). */
const TOLERANCE_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

/** The otpauth:// URI an authenticator app reads, and its QR code as SVG (drawn on the server). */
export async function enrolmentPicture(secret: string, account: string) {
  const otpauthUri = generateURI({ issuer: "Red CIAR", label: account, secret });
  const qrSvg = await QRCode.toString(otpauthUri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { otpauthUri, qrSvg };
}

/**
 * Checks a code against the person's confirmed (or, with `pending`, unconfirmed) seed and, when it
 * is right, records its time step in the same statement that refuses an older or equal one: a
 * code is accepted once, even by two requests racing each other.
 */
export async function acceptTotpCode(
  tx: Tx,
  box: SecretBox,
  userId: string,
  code: string,
  options: { pending?: boolean } = {},
): Promise<boolean> {
  const [row] = await tx
    .select()
    .from(userTotp)
    .where(
      and(
        eq(userTotp.userId, userId),
        options.pending ? isNull(userTotp.confirmedAt) : isNotNull(userTotp.confirmedAt),
      ),
    );
  if (!row) return false;
  let secret: string;
  try {
    secret = box.open(row.secretSealed, totpContext(userId));
  } catch {
    // Sealed under another DATA_ENCRYPTION_KEY (a restore without its key): no code can match;
    // the person signs in with a recovery code or passkey, or an admin resets the factor.
    return false;
  }
  const result = await verify({
    secret,
    token: code,
    epochTolerance: TOLERANCE_SECONDS,
    ...(row.lastUsedStep !== null ? { afterTimeStep: row.lastUsedStep } : {}),
  });
  // A TOTP verification names the time step it matched (an HOTP one would not: never here).
  if (!result.valid || !("timeStep" in result)) return false;
  const updated = await tx
    .update(userTotp)
    .set({ lastUsedStep: result.timeStep })
    .where(
      and(
        eq(userTotp.userId, userId),
        or(isNull(userTotp.lastUsedStep), lt(userTotp.lastUsedStep, result.timeStep)),
      ),
    )
    .returning({ userId: userTotp.userId });
  return updated.length === 1;
}
