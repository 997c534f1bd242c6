import { z } from "zod";
import { zUuid } from "./common";

/** A six-digit code from an authenticator app (spaces a person may type are dropped). */
export const zTotpCode = z
  .string()
  .transform((v) => v.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/));

/** A recovery code as shown (four groups of four letters and digits); dashes and case ignored. */
export const zRecoveryCode = z
  .string()
  .max(40)
  .transform((v) => v.toLowerCase().replace(/[\s-]+/g, ""))
  .pipe(z.string().regex(/^[a-z2-7]{16}$/));

/** The opaque token of a pending second step or passkey ceremony (base64url, 32 bytes). */
export const zChallengeToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** A WebAuthn response as @simplewebauthn/browser returns it; the server library checks its shape. */
const zWebAuthnResponse = z.record(z.string(), z.unknown()).refine((v) => typeof v.id === "string", {
  message: "id",
});

export const zCompleteTwoStepInput = z.union([
  z.object({ challengeToken: zChallengeToken, code: zTotpCode }),
  z.object({ challengeToken: zChallengeToken, recoveryCode: zRecoveryCode }),
  z.object({ challengeToken: zChallengeToken, passkey: zWebAuthnResponse }),
]);
export type CompleteTwoStepInput = z.infer<typeof zCompleteTwoStepInput>;

export const zChallengeTokenInput = z.object({ challengeToken: zChallengeToken });

export const zPasskeySignInInput = z.object({ challengeToken: zChallengeToken, passkey: zWebAuthnResponse });
export type PasskeySignInInput = z.infer<typeof zPasskeySignInInput>;

export const zConfirmTotpInput = z.object({ code: zTotpCode });

/** Turning a factor off needs a current code or the password. */
export const zDisableTotpInput = z.union([
  z.object({ code: zTotpCode }),
  z.object({ password: z.string().min(1).max(200) }),
]);
export type DisableTotpInput = z.infer<typeof zDisableTotpInput>;

export const zPasskeyName = z.string().trim().min(1).max(60);

export const zFinishPasskeyInput = z.object({
  challengeToken: zChallengeToken,
  name: zPasskeyName,
  passkey: zWebAuthnResponse,
});
export type FinishPasskeyInput = z.infer<typeof zFinishPasskeyInput>;

export const zRemovePasskeyInput = z.object({ id: zUuid });

export const TWO_STEP_POLICIES = ["none", "admins", "everyone"] as const;
export type TwoStepPolicy = (typeof TWO_STEP_POLICIES)[number];
export const zSetTwoStepPolicyInput = z.object({ policy: z.enum(TWO_STEP_POLICIES) });

export const zResetTwoStepInput = z.object({ userId: zUuid });
