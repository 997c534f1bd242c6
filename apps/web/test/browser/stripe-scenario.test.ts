// Paying for a shared module with Stripe, in the browser, against the local fake of Stripe's API
// (packages/billing/test/fake-stripe.ts): Maipú's admin sees that card payment is available, picks
// a plan of La Serena's example module and pays by card, and the dashboard sends the browser to
// the Checkout page the fake returned; Stripe (played by the test) creates the subscription and
// delivers a signed checkout.session.completed to the server; Checkout's return page leads to
// the subscriptions, where the subscription is active and paid by card. The admin opens Stripe's
// customer portal, changes the plan (Stripe bills the new one; the dashboard follows once Stripe's
// webhook confirms it) and cancels at the end of the period: the subscription stays active, with
// the date it ends. The machine is offline: the browser's navigations to checkout.stripe.com and
// billing.stripe.com are answered by the test; Stripe's side (the SDK against the fake, signed
// webhooks) comes from packages/billing/test.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeStripe, type FakeStripe } from "../../../../packages/billing/test/fake-stripe";
import { fakeStripeClient, signedStripeEvent } from "../../../../packages/billing/test/stripe-events";
import { startHarness, type Harness } from "./support/harness";

const SECRET_KEY = "sk_test_ciar_browser_fake";
const WEBHOOK_SECRET = "whsec_test_ciar_browser_fake";
const MODULE = "Revisión de permisos de edificación DOM (ejemplo)";
const MODULE_NAME = new RegExp(MODULE.replace(/[()]/g, "\\$&"));

let fake: FakeStripe;
let h: Harness;
let maipu: Page;
/** Our subscription's id, as it travelled to Stripe (subscriptionRef). */
let subscriptionRef: string;
let customerId: string;
let checkoutSessionId: string;
let stripeSubscriptionId: string;
let successUrl: string;

beforeAll(async () => {
  fake = await startFakeStripe(SECRET_KEY);
  h = await startHarness("stripe", {
    STRIPE_SECRET_KEY: SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_URL: `http://${fake.host}:${fake.port}`,
  });
});

afterAll(async () => {
  await h?.stop();
  await fake?.close();
});

/** Posts an event to the server as Stripe would: the exact bytes, signed with our secret. */
async function deliverStripeEvent(type: string, object: Record<string, unknown>) {
  const { payload, header } = signedStripeEvent(WEBHOOK_SECRET, type, object);
  const response = await fetch(`${h.baseUrl}/webhooks/stripe`, {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": header },
    body: payload,
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** Answers the browser's navigations to one of Stripe's hosted pages (offline), and keeps their URLs. */
async function fakeStripePage(page: Page, pattern: string, title: string): Promise<string[]> {
  const visited: string[] = [];
  await page.context().route(pattern, (route) => {
    visited.push(route.request().url());
    return route.fulfill({
      status: 200,
      contentType: "text/html; charset=utf-8",
      body: `<!doctype html><html lang="es"><title>${title}</title><h1>${title}</h1></html>`,
    });
  });
  return visited;
}

const subscriptionCard = () => maipu.getByRole("article", { name: MODULE_NAME });
const detail = (term: string) => subscriptionCard().locator(`dt:text-is("${term}") + dd`);

describe("Stripe scenario", () => {
  it("Maipú's admin sees card payment available, chooses a plan and is sent to Stripe Checkout", async () => {
    maipu = await h.signIn("admin@maipu.example");
    const status = maipu.waitForResponse((r) => r.url().includes("billing.status") && r.ok());
    await maipu.goto("/c/13119/modulos");
    await maipu.getByRole("heading", { level: 1, name: "Módulos compartidos" }).waitFor();
    const card = maipu.getByRole("article", { name: MODULE_NAME });
    await card.getByText("Ejemplo", { exact: true }).waitFor();
    await status;
    // Stripe is configured: no "purchase orders only" notice.
    expect(await maipu.getByText("solo por orden de compra", { exact: false }).count()).toBe(0);

    await card.getByRole("link", { name: MODULE }).click();
    await maipu.getByRole("heading", { level: 1, name: MODULE_NAME }).waitFor();
    const method = maipu.getByLabel("Forma de pago");
    await method.waitFor();
    expect(await maipu.getByText("solo por orden de compra", { exact: false }).count()).toBe(0);
    await maipu.getByLabel("Plan", { exact: true }).selectOption({ label: "Mensual" });
    await method.selectOption({ label: "Tarjeta (Stripe Checkout)" });
    // Checkout needs no purchase order number.
    expect(await maipu.getByLabel("Número de orden de compra").count()).toBe(0);
    await maipu.getByLabel("RUT", { exact: true }).fill("69.071.500-7");
    await maipu.getByLabel("Razón social").fill("Ilustre Municipalidad de Maipú");
    await maipu.getByLabel("Dirección").fill("Avenida Cinco de Abril 0260, Maipú");
    await maipu.getByLabel("Correo de facturación").fill("finanzas@maipu.example");

    const checkout = await fakeStripePage(maipu, "https://checkout.stripe.com/**", "Stripe Checkout");
    await maipu.getByRole("button", { name: "Pagar con tarjeta" }).click();
    await maipu.waitForURL(/^https:\/\/checkout\.stripe\.com\//);
    await maipu.getByRole("heading", { level: 1, name: "Stripe Checkout" }).waitFor();

    // The browser went to exactly the session the server created in (fake) Stripe, for Maipú's plan.
    const [request] = fake.calls("POST", "/v1/checkout/sessions");
    expect(fake.calls("POST", "/v1/checkout/sessions")).toHaveLength(1);
    expect(checkout).toHaveLength(1);
    const sessionId = new URL(checkout[0]!).pathname.split("/").at(-1)!;
    const session = fake.object(sessionId) as { url: string; customer: string } | undefined;
    expect(session?.url).toBe(checkout[0]);
    expect(maipu.url()).toBe(session?.url);
    expect(request!.body).toMatchObject({ mode: "subscription", customer: session!.customer });
    // 290 000 CLP a month (zero-decimal in Stripe), plus the metered price of the overage plan.
    const items = request!.body.line_items as Array<{ price: string }>;
    expect(items).toHaveLength(2);
    const flat = fake.object(items[0]!.price) as { unit_amount: number; currency: string };
    expect(flat).toMatchObject({ unit_amount: 290_000, currency: "clp" });
    successUrl = request!.body.success_url as string;
    expect(successUrl).toBe(`${h.baseUrl}/modulos/pago?resultado=ok`);
    expect(request!.body.cancel_url).toBe(`${h.baseUrl}/modulos/pago?resultado=cancelado`);
    subscriptionRef = request!.body.client_reference_id as string;
    expect(subscriptionRef).toBeTruthy();
    customerId = session!.customer;
    checkoutSessionId = sessionId;
  });

  it("Checkout returns to the payment page; the subscription waits for Stripe's confirmation", async () => {
    // Stripe sends the payer back to the success URL after paying.
    await maipu.goto(successUrl);
    await maipu.getByRole("heading", { level: 1, name: "Resultado del pago" }).waitFor();
    await maipu.getByRole("status").getByText("Stripe recibió el pago.", { exact: false }).waitFor();
    await maipu.getByRole("link", { name: "Ver las suscripciones de Maipú" }).click();
    await maipu.waitForURL(/\/c\/13119\/suscripciones$/);
    await subscriptionCard().getByText("Estado: Pago incompleto").waitFor();
    await subscriptionCard().getByText("Stripe aún no confirma el pago.").waitFor();
  });

  it("Stripe confirms the payment by webhook: the subscription is active, paid by card", async () => {
    const session = fake.calls("POST", "/v1/checkout/sessions")[0]!;
    const items = (session.body.line_items as Array<{ price: string }>).map((i) => ({ price: i.price }));
    const created = await fakeStripeClient(fake, SECRET_KEY).subscriptions.create({
      customer: customerId,
      items,
      metadata: { subscriptionRef },
    });
    stripeSubscriptionId = created.id;
    (fake.object(stripeSubscriptionId) as { status: string }).status = "active";
    await deliverStripeEvent("checkout.session.completed", {
      id: checkoutSessionId,
      object: "checkout.session",
      mode: "subscription",
      customer: customerId,
      subscription: stripeSubscriptionId,
      client_reference_id: subscriptionRef,
      metadata: { subscriptionRef },
      payment_status: "paid",
      status: "complete",
    });

    await maipu.reload();
    await subscriptionCard().getByText("Estado: Activa").waitFor();
    expect(await subscriptionCard().getByText("Stripe aún no confirma el pago.").count()).toBe(0);
    await detail("Forma de pago").getByText("Tarjeta (Stripe Checkout)").waitFor();
    await detail("Plan").getByText("Mensual", { exact: true }).waitFor();
    expect(await detail("Período actual").innerText()).toMatch(/^.+ – .+$/);
  });

  it("the admin opens Stripe's customer portal", async () => {
    const portal = await fakeStripePage(maipu, "https://billing.stripe.com/**", "Portal de Stripe");
    await maipu.getByRole("button", { name: "Gestionar pagos en Stripe" }).click();
    await maipu.waitForURL(/^https:\/\/billing\.stripe\.com\//);
    await maipu.getByRole("heading", { level: 1, name: "Portal de Stripe" }).waitFor();
    const [request] = fake.calls("POST", "/v1/billing_portal/sessions");
    expect(request!.body).toMatchObject({ customer: customerId, return_url: `${h.baseUrl}/` });
    expect(portal).toHaveLength(1);
    expect(portal[0]).toMatch(/^https:\/\/billing\.stripe\.com\/p\/session\//);
    expect(maipu.url()).toBe(portal[0]);
  });

  it("the admin changes the plan: Stripe bills the new plan, prorated", async () => {
    await maipu.goto("/c/13119/suscripciones");
    await subscriptionCard().getByText("Estado: Activa").waitFor();
    await subscriptionCard().getByRole("button", { name: "Ver consumo y facturas" }).click();
    const change = subscriptionCard().getByLabel("Cambiar de plan");
    await change.selectOption({ label: "Mensual con tope" });
    await subscriptionCard().getByRole("button", { name: "Cambiar plan" }).click();
    // Until Stripe's webhook confirms it, the page says the change is on its way.
    await subscriptionCard().getByText("Cambio a «Mensual con tope» pedido", { exact: false }).waitFor();
    await expect.poll(() => fake.calls("POST", `/v1/subscriptions/${stripeSubscriptionId}`).length).toBe(1);
    await expect.poll(() => change.inputValue()).toBe("");
    const [update] = fake.calls("POST", `/v1/subscriptions/${stripeSubscriptionId}`);
    expect(update!.body.proration_behavior).toBe("create_prorations");
    // Stripe now bills 190 000 CLP a month and nothing metered ("block" plan: no overage).
    const billed = (
      fake.object(stripeSubscriptionId) as {
        items: { data: { price: { unit_amount: number; recurring: { usage_type: string } } }[] };
      }
    ).items.data.map((i) => [i.price.unit_amount, i.price.recurring.usage_type]);
    expect(billed).toEqual([[190_000, "licensed"]]);

    await deliverStripeEvent(
      "customer.subscription.updated",
      fake.object(stripeSubscriptionId) as Record<string, unknown>,
    );
    await maipu.reload();
    await subscriptionCard().getByText("Estado: Activa").waitFor();
  });

  // The demo's plans were published before Stripe was on, so no price ids are stored on them: the
  // webhook names the plan by the ciar_plan_id Stripe keeps on the price the change created.
  it("the new plan shows once Stripe's webhook confirms it", async () => {
    await detail("Plan").getByText("Mensual con tope", { exact: true }).waitFor({ timeout: 5_000 });
  });

  it("the admin cancels at the end of the period: still active, with the date it ends", async () => {
    const [, end] = (await detail("Período actual").innerText()).split(" – ");
    expect(end).toBeTruthy();
    await subscriptionCard().getByRole("button", { name: "Cancelar suscripción" }).click();
    const dialog = maipu.getByRole("dialog", { name: "¿Cancelar la suscripción?" });
    await dialog.getByText("terminará al final del período pagado", { exact: false }).waitFor();
    await dialog.getByRole("button", { name: "Cancelar suscripción", exact: true }).click();
    await subscriptionCard().getByText(`Se cancelará al final del período, el ${end}.`).waitFor();
    await subscriptionCard().getByText("Estado: Activa").waitFor();
    expect(await dialog.isVisible()).toBe(false);
    expect(await subscriptionCard().getByRole("button", { name: "Cancelar suscripción" }).count()).toBe(0);
    const cancel = fake.calls("POST", `/v1/subscriptions/${stripeSubscriptionId}`).at(-1)!;
    expect(cancel.body).toMatchObject({ cancel_at_period_end: "true" });

    // Stripe's own update, delivered afterwards, agrees: nothing changes.
    await deliverStripeEvent(
      "customer.subscription.updated",
      fake.object(stripeSubscriptionId) as Record<string, unknown>,
    );
    await maipu.reload();
    await subscriptionCard().getByText("Estado: Activa").waitFor();
    await subscriptionCard().getByText(`Se cancelará al final del período, el ${end}.`).waitFor();
  });
});
