import { processStripeEvent } from "@ciar/api/billing/stripe-webhook";
import type { StripeWebhookDoor } from "@ciar/api/doors";
import type { BillingProvider } from "@ciar/billing/port";
import { isBillingError } from "@ciar/billing/errors";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/**
 * POST /webhooks/stripe: a plain route, because the signature is computed over the exact bytes
 * Stripe sent (the body is kept raw, not parsed). A missing, forged or stale signature gets 400
 * and changes nothing; a stored duplicate gets 200 and changes nothing; a failure while applying
 * the event gets 500, which makes Stripe deliver it again.
 */
export default fp(
  async (app: FastifyInstance, options: { billing: BillingProvider; door: StripeWebhookDoor }) => {
    await app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: 1_048_576 }, (_request, body, done) =>
        done(null, body),
      );
      scope.post("/webhooks/stripe", async (request, reply) => {
        if (options.billing.mode !== "stripe") {
          return reply.code(404).send({ error: "Stripe no está configurado / Stripe is not configured" });
        }
        const signature = request.headers["stripe-signature"];
        let event;
        try {
          event = options.billing.parseWebhook(
            request.body as Buffer,
            Array.isArray(signature) ? signature[0] : signature,
          );
        } catch (error) {
          if (isBillingError(error)) {
            request.log.warn({ code: error.code }, "stripe webhook refused");
            return reply.code(400).send({ error: "Firma inválida / Invalid signature" });
          }
          throw error;
        }
        try {
          const outcome = await processStripeEvent(options.door, options.billing, event);
          request.log.info({ stripeEvent: event.id, type: event.type, outcome }, "stripe webhook");
          return { received: true, outcome };
        } catch (error) {
          // Nothing was stored (one transaction): Stripe retries, and the retry applies in full.
          request.log.error({ err: error, stripeEvent: event.id, type: event.type }, "stripe webhook failed");
          return reply.code(500).send({ error: "Error al procesar el evento / Could not process the event" });
        }
      });
    });
  },
  { name: "stripe-webhook" },
);
