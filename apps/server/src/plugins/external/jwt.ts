import { PLATFORM_ROLES, type PlatformRole } from "@ciar/domain/roles";
import jwt from "@fastify/jwt";
import type { AccessClaims } from "@ciar/api/context";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { z } from "zod";

// Tokens signed before coordinators moved into coalitions may still say "coordinator": that
// claim no longer grants anything (coalition roles are read from the database), so drop it.
// A token without a session id (issued before sessions were checked) is refused: the dashboard
// refreshes and gets one that has it.
const zClaims = z.object({
  sub: z.uuid(),
  sid: z.uuid(),
  roles: z
    .array(z.string())
    .transform((roles) =>
      roles.filter((r): r is PlatformRole => (PLATFORM_ROLES as readonly string[]).includes(r)),
    ),
});

declare module "fastify" {
  interface FastifyInstance {
    accessTokens: {
      sign(claims: AccessClaims): string;
      verify(token: string): AccessClaims | null;
    };
  }
}

/** Short-lived access tokens. HS256 is pinned on both ends so a token cannot choose its algorithm. */
export default fp(
  async (app: FastifyInstance, options: { secret: string; ttlSeconds: number }) => {
    await app.register(jwt, {
      secret: options.secret,
      sign: { algorithm: "HS256", expiresIn: options.ttlSeconds },
      verify: { algorithms: ["HS256"] },
    });
    app.decorate("accessTokens", {
      sign: (claims: AccessClaims) => app.jwt.sign({ sub: claims.sub, sid: claims.sid, roles: claims.roles }),
      verify: (token: string) => {
        try {
          const parsed = zClaims.safeParse(app.jwt.verify(token));
          return parsed.success ? parsed.data : null;
        } catch {
          return null;
        }
      },
    });
  },
  { name: "access-tokens" },
);
