import { adoptions, communes, endorsements, memberships, subscriptions } from "@ciar/db/schema";
import { applySettings } from "@ciar/db/tenant-transaction";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createTestApp, signIn, type Session, type TestApp } from "./support/test-app";

/**
 * Ids are canonical (lower-case) from the moment they enter, and the rules that compare ids do so
 * in SQL. PostgreSQL reads an upper-cased uuid as the same uuid, JavaScript's `===` does not: an
 * upper-cased `x-commune-id` or user id used to pass the door and then slip past every rule that
 * compared ids in JavaScript (a commune's last admin demoted itself; La Serena endorsed, adopted
 * and subscribed to its own content).
 */
let t: TestApp;
let serenaAdmin: Session;
let rencaAdmin: Session;
let rencaId: string;
let serenaPublishedId: string;
let serenaModuleId: string;
let serenaPlanId: string;
const upper = (id: string) => id.toUpperCase();
const asSerenaUpper = () => ({ token: serenaAdmin.token, commune: upper(t.communeId.laSerena) });

beforeAll(async () => {
  t = await createTestApp();
  serenaAdmin = await signIn(t, "admin@laserena.example");
  rencaAdmin = await signIn(t, "admin@renca.example");
  rencaId = (
    await t.db.owner.db.select({ id: communes.id }).from(communes).where(eq(communes.code, "13128"))
  )[0]!.id;
  const own = await call<{ items: { id: string; status: string; visibility: string }[] }>(
    t,
    "query",
    "useCases.mine",
    { limit: 50 },
    { token: serenaAdmin.token, commune: t.communeId.laSerena },
  );
  serenaPublishedId = own.data.items.find((u) => u.status === "published" && u.visibility !== "private")!.id;
  const dom = await call<{ id: string; plans: { id: string }[] }>(
    t,
    "query",
    "modules.get",
    { slug: "dom-revision-permisos" },
    { token: serenaAdmin.token },
  );
  serenaModuleId = dom.data.id;
  serenaPlanId = dom.data.plans[0]!.id;
});
afterAll(() => t?.close());

/** Rows of one commune, read as the owner through its policies. */
async function rowsOf<T>(communeId: string, read: (tx: Parameters<typeof applySettings>[0]) => Promise<T>) {
  return t.db.owner.db.transaction(async (tx) => {
    await applySettings(tx, { communeId });
    return read(tx);
  });
}

describe("an upper-cased id", () => {
  it("names the same commune at the door, which answers with the canonical id", async () => {
    const result = await call<{ id: string }>(t, "query", "communes.get", undefined, asSerenaUpper());
    expect(result.status).toBe(200);
    expect(result.data.id).toBe(t.communeId.laSerena);
  });

  it("does not let a commune's only admin demote or remove itself", async () => {
    const communeId = rencaId;
    const self = upper(rencaAdmin.userId);
    for (const commune of [communeId, upper(communeId)]) {
      const demote = await call(
        t,
        "mutation",
        "members.updateRole",
        { userId: self, role: "viewer" },
        { token: rencaAdmin.token, commune },
      );
      expect(demote.status).toBe(409);
      expect(demote.error?.data.appCode).toBe("members.last_admin");
      const remove = await call(
        t,
        "mutation",
        "members.remove",
        { userId: self },
        { token: rencaAdmin.token, commune },
      );
      expect(remove.status).toBe(409);
      expect(remove.error?.data.appCode).toBe("members.last_admin");
    }
    const rows = await rowsOf(communeId, (tx) =>
      tx.select({ role: memberships.role }).from(memberships).where(eq(memberships.communeId, communeId)),
    );
    expect(rows).toEqual([{ role: "admin" }]);
  });

  it("does not let a commune endorse its own use case", async () => {
    const result = await call(
      t,
      "mutation",
      "discussion.endorse",
      { id: serenaPublishedId },
      asSerenaUpper(),
    );
    expect(result.error?.data.appCode).toBe("useCases.own_use_case");
    const rows = await rowsOf(t.communeId.laSerena, (tx) =>
      tx.select().from(endorsements).where(eq(endorsements.useCaseId, serenaPublishedId)),
    );
    expect(rows.filter((r) => r.communeId === t.communeId.laSerena)).toEqual([]);
  });

  it("does not let a commune adopt its own use case", async () => {
    const result = await call(t, "mutation", "useCases.adopt", { id: serenaPublishedId }, asSerenaUpper());
    expect(result.error?.data.appCode).toBe("useCases.own_use_case");
    const rows = await rowsOf(t.communeId.laSerena, (tx) =>
      tx
        .select()
        .from(adoptions)
        .where(
          and(
            eq(adoptions.communeId, t.communeId.laSerena),
            eq(adoptions.sourceUseCaseId, serenaPublishedId),
          ),
        ),
    );
    expect(rows).toEqual([]);
  });

  it("does not let a commune subscribe to its own module", async () => {
    const result = await call(
      t,
      "mutation",
      "subscriptions.subscribePurchaseOrder",
      {
        moduleId: upper(serenaModuleId),
        planId: upper(serenaPlanId),
        purchaseOrderNumber: "1234-56-SE26",
        billing: {
          rut: "12.345.678-5",
          name: "Municipalidad de La Serena",
          address: "Prat 451, La Serena",
          email: "finanzas@laserena.example",
        },
      },
      asSerenaUpper(),
    );
    expect(result.error?.data.appCode).toBe("subscriptions.own_module");
    const rows = await rowsOf(t.communeId.laSerena, (tx) =>
      tx
        .select()
        .from(subscriptions)
        .where(
          and(eq(subscriptions.communeId, t.communeId.laSerena), eq(subscriptions.moduleId, serenaModuleId)),
        ),
    );
    expect(rows).toEqual([]);
  });
});
