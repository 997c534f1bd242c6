import type { BillingProvider } from "@ciar/billing/port";
import { communes, memberships, modulePlans, modules, useCases, users } from "@ciar/db/schema";
import { seedDemo } from "@ciar/db/seed";
import { withAccess } from "@ciar/db/tenant-transaction";
import { createTestDatabase, type TestDatabase } from "@ciar/db/testing";
import type { Tx } from "@ciar/db/client";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../src/services/actor";
import { subscribeWithStripe } from "../src/services/billing/stripe-subscribe";
import { endorse } from "../src/services/discussion/endorsements";
import { removeMember } from "../src/services/members/remove-member";
import { updateMemberRole } from "../src/services/members/update-member-role";
import { subscribePurchaseOrder } from "../src/services/subscriptions/subscriber";
import { adoptUseCase } from "../src/services/use-cases/adopt-use-case";

/**
 * The doors lower-case every id (zUuid); these rules must hold even where that is forgotten: the
 * services are called here with upper-cased ids, past any zod schema, and must still compare them
 * as PostgreSQL does (uuid equality), not as JavaScript strings.
 */
let db: TestDatabase;
let serenaId: string;
let rencaId: string;
let serenaAdminId: string;
let rencaAdminId: string;
let serenaUseCaseId: string;
let serenaModuleId: string;
let serenaPlanId: string;
const upper = (id: string) => id.toUpperCase();

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemo(db.owner, { nodeEnv: "test" });
  const owner = db.owner.db;
  const idOf = async (code: string) =>
    (await owner.select({ id: communes.id }).from(communes).where(eq(communes.code, code)))[0]!.id;
  const userOf = async (email: string) =>
    (await owner.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;
  serenaId = await idOf("04101");
  rencaId = await idOf("13128");
  serenaAdminId = await userOf("admin@laserena.example");
  rencaAdminId = await userOf("admin@renca.example");
  await asCommune(serenaId, serenaAdminId, async (tx) => {
    serenaUseCaseId = (
      await tx
        .select({ id: useCases.id })
        .from(useCases)
        .where(and(eq(useCases.communeId, serenaId), eq(useCases.status, "published")))
    )[0]!.id;
    const [plan] = await tx
      .select({ moduleId: modules.id, planId: modulePlans.id })
      .from(modulePlans)
      .innerJoin(modules, eq(modules.id, modulePlans.moduleId))
      .where(and(eq(modules.slug, "dom-revision-permisos"), eq(modulePlans.status, "active")));
    serenaModuleId = plan!.moduleId;
    serenaPlanId = plan!.planId;
  });
});
afterAll(() => db?.close());

/** A transaction as the API's doors open it, but with the commune id upper-cased. */
function asCommune<T>(communeId: string, userId: string, work: (tx: Tx, actor: Actor) => Promise<T>) {
  const actor = { userId: upper(userId), communeId: upper(communeId), requestId: "ids-in-sql" };
  return withAccess(db.app.db, { userId, communeId }, (tx) => work(tx, actor));
}

const billingDetails = {
  rut: "12.345.678-5",
  name: "Municipalidad de La Serena",
  address: "Prat 451, La Serena",
  email: "finanzas@laserena.example",
};

describe("rules that compare ids, given upper-cased ids", () => {
  it("keep a commune's last admin", async () => {
    for (const work of [
      (tx: Tx, actor: Actor): Promise<unknown> =>
        updateMemberRole(tx, actor, { userId: upper(rencaAdminId), role: "viewer" }),
      (tx: Tx, actor: Actor): Promise<unknown> => removeMember(tx, actor, { userId: upper(rencaAdminId) }),
    ]) {
      await expect(asCommune(rencaId, rencaAdminId, work)).rejects.toMatchObject({
        code: "members.last_admin",
      });
    }
    const rows = await asCommune(rencaId, rencaAdminId, (tx) =>
      tx.select({ role: memberships.role }).from(memberships).where(eq(memberships.communeId, rencaId)),
    );
    expect(rows).toEqual([{ role: "admin" }]);
  });

  it("refuse a commune's endorsement and adoption of its own use case", async () => {
    for (const work of [
      (tx: Tx, actor: Actor): Promise<unknown> => endorse(tx, actor, serenaUseCaseId),
      (tx: Tx, actor: Actor): Promise<unknown> => adoptUseCase(tx, actor, serenaUseCaseId),
    ]) {
      await expect(asCommune(serenaId, serenaAdminId, work)).rejects.toMatchObject({
        code: "useCases.own_use_case",
      });
    }
  });

  it("refuse a commune's subscription to its own module, by purchase order or through Stripe", async () => {
    await expect(
      asCommune(serenaId, serenaAdminId, (tx, actor) =>
        subscribePurchaseOrder(tx, actor, {
          moduleId: serenaModuleId,
          planId: serenaPlanId,
          purchaseOrderNumber: "1234-56-SE26",
          billing: billingDetails,
        }),
      ),
    ).rejects.toMatchObject({ code: "subscriptions.own_module" });
    // The rule is checked before Stripe is ever called: a provider with no methods is enough.
    await expect(
      asCommune(serenaId, serenaAdminId, (tx, actor) =>
        subscribeWithStripe(tx, actor, { mode: "stripe" } as BillingProvider, {
          moduleId: serenaModuleId,
          planId: serenaPlanId,
          method: "stripe_checkout",
          billing: billingDetails,
          successUrl: "https://ciar.example/ok",
          cancelUrl: "https://ciar.example/cancel",
        }),
      ),
    ).rejects.toMatchObject({ code: "subscriptions.own_module" });
  });
});
