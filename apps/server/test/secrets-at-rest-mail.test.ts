import { createSecretBox } from "@ciar/api/crypto/secret-box";
import { mailDataContext } from "@ciar/api/mail/queue-mail";
import { mailOutbox, passwordRecoveryTokens } from "@ciar/db/schema";
import { rowsOf } from "@ciar/db/rows";
import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createTestApp, type TestApp } from "./support/test-app";

/**
 * Database test: a recovery link's token is never stored in clear, anywhere in the database, while
 * its e-mail waits in the outbox (this app runs no jobs, so nothing is sent and erased first). The
 * outbox holds the link only sealed, under the test's DATA_ENCRYPTION_KEY and bound to its row.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

/** Every row of every table of the public schema, as text. */
async function wholeDatabase(): Promise<string> {
  const tables = rowsOf<{ name: string }>(
    await t.db.owner.db.execute(
      sql`select quote_ident(table_name) as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE'`,
    ),
  );
  let text = "";
  for (const { name } of tables) {
    const [row] = rowsOf<{ dump: string | null }>(
      await t.db.owner.db.execute(
        sql.raw(`select string_agg(row_to_json(r)::text, '') as dump from ${name} r`),
      ),
    );
    text += row?.dump ?? "";
  }
  return text;
}

describe("recovery links at rest", () => {
  it("stores the token's hash and the sealed e-mail, never the token", async () => {
    const email = "admin@laserena.example";
    const answer = await call(t, "mutation", "passwordRecovery.request", { email });
    expect(answer.status).toBe(200);

    const [queued] = await t.db.owner.db.select().from(mailOutbox).where(eq(mailOutbox.recipient, email));
    expect(queued?.template).toBe("password_recovery");
    expect(queued?.sealedData).toMatch(/^v1\./);

    // Only the key holder can open it, and only as this row's data.
    const box = createSecretBox(Buffer.from("dGVzdC1kYXRhLWVuY3J5cHRpb24ta2V5LTMyLWJ5dGU", "base64url"));
    const data = JSON.parse(box.open(queued!.sealedData!, mailDataContext(queued!.id))) as {
      resetUrl: string;
    };
    expect(() =>
      box.open(queued!.sealedData!, mailDataContext("00000000-0000-4000-8000-000000000000")),
    ).toThrow();
    const token = data.resetUrl.split("/recuperar/")[1]!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const [link] = await t.db.owner.db
      .select({ tokenHash: passwordRecoveryTokens.tokenHash })
      .from(passwordRecoveryTokens)
      .where(eq(passwordRecoveryTokens.tokenHash, createHash("sha256").update(token).digest("hex")));
    expect(link).toBeDefined();

    const everything = await wholeDatabase();
    expect(everything).toContain(link!.tokenHash);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain("/recuperar/");
  });
});
