/**
 * The objects of the fake Stripe (prices, meters, customers, Checkout sessions, subscriptions,
 * invoices, portal sessions) and the routes that create, read and change them.
 */
import { list, text, type Form, type FormObject } from "./form";

export type Json = Record<string, unknown>;

export class StripeFailure extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

const DAY = 86_400;
const missing = (what: string, id: string) =>
  new StripeFailure(404, "invalid_request_error", `No such ${what}: '${id}'`, "resource_missing");

export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: FormObject;
}

export function createFakeStripeState() {
  const store = new Map<string, Json>();
  let counter = 0;
  const now = () => Math.floor(Date.now() / 1000);
  const newId = (prefix: string) => `${prefix}_test_${(++counter).toString().padStart(6, "0")}`;
  const save = (object: Json) => (store.set(object.id as string, object), object);
  const get = (what: string, id: string) => {
    const found = store.get(id);
    if (!found) throw missing(what, id);
    return found;
  };
  const metadataOf = (body: FormObject) => (body.metadata ?? {}) as Json;
  const listOf = (data: Json[], url: string) => ({ object: "list", data, has_more: false, url });

  function createPrice(body: FormObject): Json {
    const lookupKey = text(body, "lookup_key") ?? null;
    if (lookupKey) {
      const holder = [...store.values()].find((o) => o.object === "price" && o.lookup_key === lookupKey);
      if (holder && text(body, "transfer_lookup_key") !== "true") {
        throw new StripeFailure(400, "invalid_request_error", `A price with lookup key ${lookupKey} exists`);
      }
      if (holder) holder.lookup_key = null;
    }
    let product = text(body, "product");
    if (!product) {
      product = newId("prod");
      save({ id: product, object: "product", name: text(body, "product_data", "name"), active: true });
    }
    return save({
      id: newId("price"),
      object: "price",
      active: true,
      type: "recurring",
      currency: text(body, "currency"),
      unit_amount: Number(text(body, "unit_amount")),
      nickname: text(body, "nickname") ?? null,
      tax_behavior: text(body, "tax_behavior") ?? "unspecified",
      product,
      metadata: metadataOf(body),
      lookup_key: lookupKey,
      recurring: {
        interval: text(body, "recurring", "interval"),
        interval_count: 1,
        usage_type: text(body, "recurring", "usage_type") ?? "licensed",
        meter: text(body, "recurring", "meter") ?? null,
        trial_period_days: null,
      },
    });
  }

  function item(subscriptionId: string, entry: Form): Json {
    const priceId = text(entry, "price") ?? "";
    const price = get("price", priceId);
    const recurring = price.recurring as Json;
    const start = now();
    return {
      id: newId("si"),
      object: "subscription_item",
      subscription: subscriptionId,
      price,
      quantity: recurring.usage_type === "metered" ? undefined : Number(text(entry, "quantity") ?? 1),
      current_period_start: start,
      current_period_end: start + (recurring.interval === "year" ? 365 : 30) * DAY,
      metadata: {},
    };
  }

  function items(subscription: Json): Json[] {
    return (subscription.items as { data: Json[] }).data;
  }

  function createSubscription(body: FormObject): Json {
    const id = newId("sub");
    const data = list(body, "items").map((entry) => item(id, entry));
    const sendInvoice = text(body, "collection_method") === "send_invoice";
    const flat = data.filter(
      (i) => (i.price as Json & { recurring: Json }).recurring.usage_type !== "metered",
    );
    const amount = flat.reduce(
      (sum, i) => sum + Number((i.price as Json).unit_amount) * Number(i.quantity),
      0,
    );
    const period = { start: data[0]?.current_period_start, end: data[0]?.current_period_end };
    const invoice = save({
      id: newId("in"),
      object: "invoice",
      status: "draft",
      collection_method: text(body, "collection_method") ?? "charge_automatically",
      customer: text(body, "customer"),
      currency: "clp",
      amount_due: amount,
      amount_paid: 0,
      subtotal: amount,
      total: amount,
      hosted_invoice_url: null,
      parent: {
        type: "subscription_details",
        subscription_details: { subscription: id, metadata: metadataOf(body) },
      },
      lines: listOf([{ object: "line_item", amount, period }], `/v1/invoices/lines`),
      period_start: period.start,
      period_end: period.end,
    });
    return save({
      id,
      object: "subscription",
      status: sendInvoice ? "active" : "incomplete",
      customer: text(body, "customer"),
      collection_method: text(body, "collection_method") ?? "charge_automatically",
      days_until_due: sendInvoice ? Number(text(body, "days_until_due")) : null,
      metadata: metadataOf(body),
      default_tax_rates: list(body, "default_tax_rates"),
      items: listOf(data, `/v1/subscription_items?subscription=${id}`),
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
      latest_invoice: invoice.id,
      created: now(),
      start_date: now(),
    });
  }

  function updateSubscription(subscription: Json, body: FormObject): Json {
    for (const entry of list(body, "items")) {
      const existing = text(entry, "id");
      if (existing && text(entry, "deleted") === "true") {
        const data = items(subscription);
        const index = data.findIndex((i) => i.id === existing);
        if (index === -1) throw missing("subscription item", existing);
        data.splice(index, 1);
      } else if (!existing) {
        items(subscription).push(item(subscription.id as string, entry));
      }
    }
    if (text(body, "cancel_at_period_end") === "true") {
      subscription.cancel_at_period_end = true;
      subscription.cancel_at = items(subscription)[0]?.current_period_end ?? null;
    }
    return subscription;
  }

  function withExpansions(object: Json, body: FormObject): Json {
    const expand = list(body, "expand");
    if (!expand.includes("latest_invoice") || typeof object.latest_invoice !== "string") return object;
    return { ...object, latest_invoice: get("invoice", object.latest_invoice) };
  }

  const routes: [string, RegExp, (m: RegExpMatchArray, body: FormObject, query: Json) => Json][] = [
    [
      "GET",
      /^\/v1\/prices$/,
      (_m, _body, query) => {
        // The SDK sends lookup_keys[0]=…, lookup_keys[1]=…
        const keys = Object.entries(query)
          .filter(([name]) => name.startsWith("lookup_keys"))
          .map(([, value]) => value);
        const prices = [...store.values()].filter(
          (o) =>
            o.object === "price" &&
            (keys.length === 0 || keys.includes(o.lookup_key as string)) &&
            (query.active === undefined || String(o.active) === query.active),
        );
        return listOf(prices, "/v1/prices");
      },
    ],
    ["GET", /^\/v1\/prices\/([^/]+)$/, (m) => get("price", m[1]!)],
    ["POST", /^\/v1\/prices$/, (_m, body) => createPrice(body)],
    [
      "GET",
      /^\/v1\/billing\/meters$/,
      () =>
        listOf(
          [...store.values()].filter((o) => o.object === "billing.meter"),
          "/v1/billing/meters",
        ),
    ],
    ["GET", /^\/v1\/billing\/meters\/([^/]+)$/, (m) => get("meter", m[1]!)],
    [
      "POST",
      /^\/v1\/billing\/meters$/,
      (_m, body) =>
        save({
          id: newId("mtr"),
          object: "billing.meter",
          event_name: text(body, "event_name"),
          display_name: text(body, "display_name"),
          status: "active",
          default_aggregation: { formula: text(body, "default_aggregation", "formula") },
          customer_mapping: {
            type: "by_id",
            event_payload_key: text(body, "customer_mapping", "event_payload_key"),
          },
          value_settings: { event_payload_key: text(body, "value_settings", "event_payload_key") },
        }),
    ],
    [
      "POST",
      /^\/v1\/billing\/meters\/([^/]+)\/reactivate$/,
      (m) => Object.assign(get("meter", m[1]!), { status: "active" }),
    ],
    [
      "POST",
      /^\/v1\/billing\/meter_events$/,
      (_m, body) => ({
        object: "billing.meter_event",
        event_name: text(body, "event_name"),
        identifier: text(body, "identifier"),
        payload: body.payload,
        timestamp: Number(text(body, "timestamp")),
        livemode: false,
        created: now(),
      }),
    ],
    [
      "POST",
      /^\/v1\/customers$/,
      (_m, body) =>
        save({
          id: newId("cus"),
          object: "customer",
          name: text(body, "name"),
          email: text(body, "email"),
          metadata: metadataOf(body),
          preferred_locales: list(body, "preferred_locales"),
        }),
    ],
    [
      "POST",
      /^\/v1\/customers\/([^/]+)$/,
      (m, body) =>
        Object.assign(get("customer", m[1]!), { name: text(body, "name"), email: text(body, "email") }),
    ],
    [
      "POST",
      /^\/v1\/checkout\/sessions$/,
      (_m, body) => {
        const id = newId("cs");
        return save({
          id,
          object: "checkout.session",
          mode: text(body, "mode"),
          status: "open",
          customer: text(body, "customer"),
          client_reference_id: text(body, "client_reference_id") ?? null,
          metadata: metadataOf(body),
          subscription: null,
          url: `https://checkout.stripe.com/c/pay/${id}`,
        });
      },
    ],
    ["POST", /^\/v1\/subscriptions$/, (_m, body) => withExpansions(createSubscription(body), body)],
    ["GET", /^\/v1\/subscriptions\/([^/]+)$/, (m) => get("subscription", m[1]!)],
    [
      "POST",
      /^\/v1\/subscriptions\/([^/]+)$/,
      (m, body) => withExpansions(updateSubscription(get("subscription", m[1]!), body), body),
    ],
    ["GET", /^\/v1\/invoices\/([^/]+)$/, (m) => get("invoice", m[1]!)],
    [
      "POST",
      /^\/v1\/invoices\/([^/]+)\/finalize$/,
      (m) => {
        const invoice = get("invoice", m[1]!);
        if (invoice.status !== "draft") {
          throw new StripeFailure(
            400,
            "invalid_request_error",
            "This invoice is already finalized.",
            "invoice_not_editable",
          );
        }
        return Object.assign(invoice, {
          status: "open",
          number: `CIAR-${counter}`,
          hosted_invoice_url: `https://invoice.stripe.com/i/${invoice.id}`,
        });
      },
    ],
    [
      "POST",
      /^\/v1\/billing_portal\/sessions$/,
      (_m, body) => ({
        id: newId("bps"),
        object: "billing_portal.session",
        customer: text(body, "customer"),
        return_url: text(body, "return_url"),
        url: `https://billing.stripe.com/p/session/${newId("test")}`,
      }),
    ],
  ];

  function route(request: FakeRequest): Json {
    for (const [method, pattern, answer] of routes) {
      const match = request.path.match(pattern);
      if (method === request.method && match) return answer(match, request.body, request.query);
    }
    throw new StripeFailure(
      404,
      "invalid_request_error",
      `Unrecognized request URL (${request.method}: ${request.path})`,
    );
  }

  return { route, object: (id: string) => store.get(id), lastId: () => counter };
}
