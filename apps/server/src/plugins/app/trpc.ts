import { createContextFactory, pickLocale, type ApiDependencies } from "@ciar/api/context";
import { appRouter, type AppRouter } from "@ciar/api/router";
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from "@trpc/server/adapters/fastify";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";

export const REFRESH_COOKIE = "ciar_refresh";

/** The refresh cookie's options: also written by the directory sign-in's callback. */
export const refreshCookieOptions = (secure: boolean) =>
  ({ httpOnly: true, sameSite: "strict", secure, path: "/trpc" }) as const;

/**
 * Calls allowed in one batched request. Each call runs its own transaction on the same Node
 * thread: 200 `catalog.search` calls in one GET held every other commune's requests for seconds.
 * A longer batch is refused whole with 400 `request.batch_too_large`; the dashboard's batch link
 * sends at most this many (apps/web/src/lib/trpc.ts).
 */
export const MAX_BATCH_SIZE = 20;

declare module "fastify" {
  interface FastifyRequest {
    /** The commune a tenant procedure acted in, for the request's log line. */
    communeId?: string;
  }
}

interface TrpcPluginOptions {
  deps: ApiDependencies;
  cookieSecure: boolean;
}

/** Mounts the tRPC router at /trpc and turns each HTTP request into the API's context. */
export default fp(
  async (app: FastifyInstance, options: TrpcPluginOptions) => {
    const createContext = createContextFactory(options.deps);
    const cookieOptions = refreshCookieOptions(options.cookieSecure);

    const contextFor = ({ req, res }: { req: FastifyRequest; res: FastifyReply }) => {
      const authorization = req.headers.authorization;
      const commune = req.headers["x-commune-id"];
      return createContext({
        accessToken: authorization?.startsWith("Bearer ") ? authorization.slice(7) : null,
        communeHeader: Array.isArray(commune) ? commune[0] : commune,
        locale: pickLocale(req.headers["accept-language"]),
        requestId: req.id,
        ip: req.ip,
        userAgent: req.headers["user-agent"],
        log: req.log,
        noteCommune: (communeId) => {
          req.communeId = communeId;
        },
        // `void`: setCookie/clearCookie return the reply, which is thenable; nothing to wait for.
        refreshCookie: {
          read: () => req.cookies[REFRESH_COOKIE],
          write: (token, expiresAt) =>
            void res.setCookie(REFRESH_COOKIE, token, { ...cookieOptions, expires: expiresAt }),
          clear: () => void res.clearCookie(REFRESH_COOKIE, cookieOptions),
        },
      });
    };

    await app.register(fastifyTRPCPlugin, {
      prefix: "/trpc",
      trpcOptions: {
        router: appRouter,
        createContext: contextFor,
        maxBatchSize: MAX_BATCH_SIZE,
        onError({ error, path, req }) {
          // The client gets a generic message; the log keeps the cause for whoever operates the service.
          if (error.code === "INTERNAL_SERVER_ERROR" || error.code === "SERVICE_UNAVAILABLE") {
            req.log.error({ err: error.cause ?? error, procedure: path }, "procedure failed");
          }
        },
      } satisfies FastifyTRPCPluginOptions<AppRouter>["trpcOptions"],
    });
  },
  { name: "trpc", dependencies: ["security", "access-tokens"] },
);
