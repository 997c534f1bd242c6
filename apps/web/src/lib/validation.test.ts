import { zCommuneSettings } from "@ciar/domain/schemas/communes";
import { zInviteMemberInput } from "@ciar/domain/schemas/members";
import { describe, expect, it } from "vitest";
import { mergeFieldErrors, zodFieldErrors, type Translate } from "./validation";

// Echoes the key and values, so the test sees which message was chosen.
const translate: Translate = (key, values) => (values ? `${key}:${JSON.stringify(values)}` : key);

function errorsOf(schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, value: unknown) {
  const result = schema.safeParse(value);
  if (result.success) throw new Error("expected invalid input");
  return zodFieldErrors(result.error as never, translate);
}

describe("zodFieldErrors (client-side validation with the domain schemas)", () => {
  it("names the field and the kind of mistake", () => {
    expect(errorsOf(zInviteMemberInput, { email: "not-an-email", role: "editor" })).toEqual({
      email: ["validation.email"],
    });
    expect(errorsOf(zInviteMemberInput, { email: "a@b.cl", role: "owner" })).toEqual({
      role: ["validation.invalid"],
    });
  });

  it("reports lengths with their limits and URLs as URLs", () => {
    const errors = errorsOf(zCommuneSettings.partial(), {
      displayName: "X",
      websiteUrl: "ftp://files.example",
    });
    expect(errors.displayName).toEqual(['validation.tooShort:{"min":2}']);
    expect(errors.websiteUrl).toEqual(["validation.url"]);
  });
});

describe("mergeFieldErrors", () => {
  it("puts client and server messages together without repeating one", () => {
    expect(mergeFieldErrors({ email: ["a"] }, { email: ["a", "b"], role: ["c"] }, {})).toEqual({
      email: ["a", "b"],
      role: ["c"],
    });
  });
});
