import { auditLog, moduleInvoices, subscriptions } from "@ciar/db/schema";
import { applySettings } from "@ciar/db/tenant-transaction";
import { PURCHASE_ORDER_RENEWAL_GRACE_DAYS } from "@ciar/domain/billing/entitlement";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey, setUpstream, startUpstream, type Upstream } from "./support/gateway-fixtures";
import { call, createTestApp, signIn, type Session, type TestApp } from "./support/test-app";

/**
 * Purchase-order renewal: Coquimbo's order (seeded, active) ends after its period; its admin gives
 * the next period's order, a platform admin activates it, and the period continues without a gap.
 * Until then the module keeps working for a grace period, then refuses.
 */
const DAY = 86_400_000;
const RENEWAL_ORDER = "2401-99-SE27";

let t: TestApp;
let coquimbo: Session;
let platform: Session;
let upstream: Upstream;
let subscriptionId: string;
let moduleId: string;
let key: string;

const asCoquimbo = () => ({ token: coquimbo.token, commune: t.communeId.coquimbo });

interface Mine {
  id: string;
  purchaseOrderNumber: string;
  currentPeriodEnd: string;
  renewal: { purchaseOrderNumber: string; requestedAt: string } | null;
  entitlement: { state: string; allowed: boolean };
  module: { id: string };
}

async function mine(): Promise<Mine> {
  const result = await call<Mine[]>(t, "query", "subscriptions.mine", undefined, asCoquimbo());
  return result.data.find((s) => s.id === subscriptionId)!;
}

/** Moves the period as Stripe's webhook or the platform would (the guard trusts them only). */
async function setPeriodEnd(end: Date) {
  await t.db.owner.db.transaction(async (tx) => {
    await applySettings(tx, { communeId: t.communeId.coquimbo, stripeEventId: "evt_renewal_fixture" });
    await tx
      .update(subscriptions)
      .set({ currentPeriodStart: new Date(end.getTime() - 30 * DAY), currentPeriodEnd: end })
      .where(eq(subscriptions.id, subscriptionId));
  });
}

function callModule() {
  return t.app.inject({
    url: "/modules/dom-revision-permisos/revisar",
    headers: { authorization: `Bearer ${key}` },
  });
}

beforeAll(async () => {
  t = await createTestApp();
  upstream = await startUpstream();
  coquimbo = await signIn(t, "admin@coquimbo.example");
  platform = await signIn(t, "plataforma@ciar.example");
  const list = await call<Mine[]>(t, "query", "subscriptions.mine", undefined, asCoquimbo());
  const order = list.data.find((s) => s.purchaseOrderNumber)!;
  subscriptionId = order.id;
  moduleId = order.module.id;
  await setUpstream(t.db.owner, t.communeId.laSerena, moduleId, upstream.url);
  ({ key } = await createKey(t.db.owner, { communeId: t.communeId.coquimbo, moduleIds: [moduleId] }));
});
afterAll(async () => {
  await t?.close();
  await upstream?.close();
});

describe("an order past its period", () => {
  it("keeps working during the renewal grace period, with a warning", async () => {
    await setPeriodEnd(new Date(Date.now() - 2 * DAY));
    expect((await mine()).entitlement).toMatchObject({ state: "renewal_due", allowed: true });
    const response = await callModule();
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["x-ciar-billing-warning"]).toBe("renewal_due");
  });

  it("is refused once the grace period is over", async () => {
    await setPeriodEnd(new Date(Date.now() - (PURCHASE_ORDER_RENEWAL_GRACE_DAYS + 1) * DAY));
    expect((await mine()).entitlement).toMatchObject({ state: "purchase_order_expired", allowed: false });
    expect((await callModule()).statusCode).toBe(403);
  });
});

describe("giving the next period's order", () => {
  it("refuses a malformed number and the order already in force", async () => {
    const bad = await call(
      t,
      "mutation",
      "subscriptions.requestRenewal",
      {
        subscriptionId,
        purchaseOrderNumber: "x",
      },
      asCoquimbo(),
    );
    expect(bad.status).toBe(400);
    const current = (await mine()).purchaseOrderNumber;
    const same = await call(
      t,
      "mutation",
      "subscriptions.requestRenewal",
      {
        subscriptionId,
        purchaseOrderNumber: current,
      },
      asCoquimbo(),
    );
    expect(same.status).toBe(409);
    expect(same.error?.data.appCode).toBe("subscriptions.same_order");
    expect((await mine()).renewal).toBeNull();
  });

  it("is for the subscriber's admins only", async () => {
    const editor = await signIn(t, "editor@coquimbo.example");
    const asEditor = await call(
      t,
      "mutation",
      "subscriptions.requestRenewal",
      {
        subscriptionId,
        purchaseOrderNumber: RENEWAL_ORDER,
      },
      { token: editor.token, commune: t.communeId.coquimbo },
    );
    expect(asEditor.status).toBe(403);
    // The provider reads its subscribers' rows, but they are not its own to renew.
    const serena = await signIn(t, "admin@laserena.example");
    const asProvider = await call(
      t,
      "mutation",
      "subscriptions.requestRenewal",
      {
        subscriptionId,
        purchaseOrderNumber: RENEWAL_ORDER,
      },
      { token: serena.token, commune: t.communeId.laSerena },
    );
    expect(asProvider.status).toBe(404);
    expect((await mine()).renewal).toBeNull();
  });

  it("records the renewal, waiting for the platform", async () => {
    const given = await call<Mine>(
      t,
      "mutation",
      "subscriptions.requestRenewal",
      {
        subscriptionId,
        purchaseOrderNumber: RENEWAL_ORDER,
      },
      asCoquimbo(),
    );
    expect(given.status, given.body).toBe(200);
    expect(given.data.renewal).toMatchObject({ purchaseOrderNumber: RENEWAL_ORDER });
    // Not in force yet: the module stays refused until the platform activates it.
    expect(given.data.entitlement.allowed).toBe(false);
    const active = await call<{ items: { id: string; renewal: { purchaseOrderNumber: string } | null }[] }>(
      t,
      "query",
      "subscriptions.activePurchaseOrders",
      { limit: 100 },
      { token: platform.token },
    );
    expect(active.data.items.find((i) => i.id === subscriptionId)?.renewal?.purchaseOrderNumber).toBe(
      RENEWAL_ORDER,
    );
  });

  it("cannot change the order in force behind the platform's back (database guard)", async () => {
    const attempt = t.db.owner.db.transaction(async (tx) => {
      await applySettings(tx, { communeId: t.communeId.coquimbo });
      await tx
        .update(subscriptions)
        .set({ purchaseOrderNumber: "1-1-SE99" })
        .where(eq(subscriptions.id, subscriptionId));
    });
    await expect(attempt).rejects.toThrow();
    expect((await mine()).purchaseOrderNumber).not.toBe("1-1-SE99");
  });
});

describe("activating the renewal", () => {
  it("is for platform admins only", async () => {
    const refused = await call(
      t,
      "mutation",
      "subscriptions.activateRenewal",
      { subscriptionId },
      asCoquimbo(),
    );
    expect(refused.status).toBe(403);
    expect((await mine()).renewal).not.toBeNull();
  });

  it("starts the next period, makes the renewal the order in force and writes its invoice record", async () => {
    const before = await mine();
    const done = await call<{
      subscription: { purchaseOrderNumber: string; currentPeriodStart: string; currentPeriodEnd: string };
      invoice: { purchaseOrderNumber: string; totalClp: number };
    }>(t, "mutation", "subscriptions.activateRenewal", { subscriptionId }, { token: platform.token });
    expect(done.status, done.body).toBe(200);
    expect(done.data.subscription.purchaseOrderNumber).toBe(RENEWAL_ORDER);
    // The order had lapsed (its period ended weeks ago): the new period starts now.
    const start = new Date(done.data.subscription.currentPeriodStart).getTime();
    expect(Math.abs(start - Date.now())).toBeLessThan(60_000);
    expect(new Date(done.data.subscription.currentPeriodEnd).getTime()).toBeGreaterThan(start + 27 * DAY);
    expect(done.data.invoice.purchaseOrderNumber).toBe(RENEWAL_ORDER);
    expect(done.data.invoice.totalClp).toBeGreaterThan(0);

    const after = await mine();
    expect(after.renewal).toBeNull();
    expect(after.entitlement).toMatchObject({ state: "active", allowed: true });
    expect(new Date(after.currentPeriodEnd).getTime()).toBeGreaterThan(
      new Date(before.currentPeriodEnd).getTime(),
    );
    expect((await callModule()).statusCode).toBe(200);

    const events = await t.db.owner.db.transaction(async (tx) => {
      await applySettings(tx, { communeId: t.communeId.coquimbo });
      return tx
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(and(eq(auditLog.communeId, t.communeId.coquimbo), eq(auditLog.entityId, subscriptionId)));
    });
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(["subscription.renewal_requested", "subscription.renewed"]),
    );
  });

  it("continues without a gap when the renewal comes before the period ends", async () => {
    const end = (await mine()).currentPeriodEnd;
    const given = await call(
      t,
      "mutation",
      "subscriptions.requestRenewal",
      {
        subscriptionId,
        purchaseOrderNumber: "2401-100-SE27",
      },
      asCoquimbo(),
    );
    expect(given.status, given.body).toBe(200);
    const done = await call<{ subscription: { currentPeriodStart: string } }>(
      t,
      "mutation",
      "subscriptions.activateRenewal",
      { subscriptionId },
      { token: platform.token },
    );
    expect(done.status, done.body).toBe(200);
    expect(new Date(done.data.subscription.currentPeriodStart).toISOString()).toBe(
      new Date(end).toISOString(),
    );
    const invoices = await t.db.owner.db.transaction(async (tx) => {
      await applySettings(tx, { communeId: t.communeId.coquimbo });
      return tx
        .select({ purchaseOrderNumber: moduleInvoices.purchaseOrderNumber })
        .from(moduleInvoices)
        .where(eq(moduleInvoices.subscriptionId, subscriptionId));
    });
    expect(invoices.map((i) => i.purchaseOrderNumber)).toEqual(
      expect.arrayContaining([RENEWAL_ORDER, "2401-100-SE27"]),
    );
  });

  it("refuses to activate when no renewal is waiting", async () => {
    const again = await call(
      t,
      "mutation",
      "subscriptions.activateRenewal",
      { subscriptionId },
      { token: platform.token },
    );
    expect(again.status).toBe(409);
    expect(again.error?.data.appCode).toBe("subscriptions.invalid_state");
  });
});
