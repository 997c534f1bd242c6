import type { DirectorySignInDoor } from "@ciar/api/doors";
import {
  DirectoryRefusal,
  finishDirectorySignIn,
  startDirectorySignIn,
  type DirectoryRefusalReason,
  type DirectorySignInDeps,
} from "@ciar/api/directory/sign-in";
import { zStartDirectoryQuery } from "@ciar/domain/schemas/directory";
import type { FastifyInstance, FastifyReply } from "fastify";
import fp from "fastify-plugin";
import { REFRESH_COOKIE, refreshCookieOptions } from "./trpc";

/** What the person reads when a directory sign-in is refused: Spanish first, English below. */
const MESSAGES: Record<DirectoryRefusalReason | "bad_request", { es: string; en: string }> = {
  bad_request: {
    es: "El enlace para ingresar con tu municipio no es válido.",
    en: "The link to sign in with your municipality is not valid.",
  },
  rate_limited: {
    es: "Demasiados intentos. Espera un momento e inténtalo de nuevo.",
    en: "Too many attempts. Wait a moment and try again.",
  },
  state_unknown: {
    es: "Este inicio de sesión no es válido o ya no existe. Vuelve a la página de ingreso e inténtalo de nuevo.",
    en: "This sign-in is not valid or no longer exists. Go back to the sign-in page and try again.",
  },
  state_expired: {
    es: "El inicio de sesión tardó demasiado y expiró. Vuelve a la página de ingreso e inténtalo de nuevo.",
    en: "The sign-in took too long and expired. Go back to the sign-in page and try again.",
  },
  state_reused: {
    es: "Este inicio de sesión ya se usó. Vuelve a la página de ingreso e inténtalo de nuevo.",
    en: "This sign-in was already used. Go back to the sign-in page and try again.",
  },
  directory_off: {
    es: "Tu municipio no tiene activado el ingreso con su directorio.",
    en: "Your municipality has not turned on sign-in with its directory.",
  },
  provider_unreachable: {
    es: "No pudimos comunicarnos con el directorio de tu municipio. Inténtalo más tarde o ingresa con tu contraseña.",
    en: "We could not reach your municipality's directory. Try later or sign in with your password.",
  },
  provider_error: {
    es: "El directorio de tu municipio no completó el ingreso.",
    en: "Your municipality's directory did not complete the sign-in.",
  },
  exchange_failed: {
    es: "No pudimos confirmar tu identidad con el directorio de tu municipio. Inténtalo de nuevo.",
    en: "We could not confirm your identity with your municipality's directory. Try again.",
  },
  email_unverified: {
    es: "El directorio no confirma tu correo. Pide a la unidad de informática de tu municipio que lo verifique.",
    en: "The directory does not vouch for your e-mail. Ask your municipality's IT team to verify it.",
  },
  domain_not_allowed: {
    es: "Tu correo no pertenece a los dominios que tu municipio permite en Red CIAR.",
    en: "Your e-mail is not in the domains your municipality allows on Red CIAR.",
  },
  account_exists: {
    es: "Ya existe una cuenta de Red CIAR con tu correo y no integra esta comuna. Ingresa con tu contraseña; cuando la comuna te invite, podrás usar su directorio.",
    en: "A Red CIAR account with your e-mail already exists and is not a member of this commune. Sign in with your password; once the commune invites you, you can use its directory.",
  },
  platform_admin: {
    es: "Las cuentas de administración de la plataforma no ingresan con el directorio de una comuna. Ingresa con tu contraseña y tu segundo factor.",
    en: "Platform admin accounts do not sign in through a commune's directory. Sign in with your password and second factor.",
  },
  account_disabled: {
    es: "Tu cuenta está desactivada. Contacta a quien administra Red CIAR en tu municipio.",
    en: "Your account is disabled. Contact whoever administers Red CIAR in your municipality.",
  },
};

function refusalPage(reply: FastifyReply, reason: DirectoryRefusalReason | "bad_request") {
  const message = MESSAGES[reason];
  return reply
    .code(400)
    .type("text/html; charset=utf-8")
    .header("cache-control", "no-store")
    .send(
      `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>No pudimos iniciar tu sesión</title></head>` +
        `<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem">` +
        `<h1>No pudimos iniciar tu sesión</h1><p data-reason="${reason}">${message.es}</p>` +
        `<p lang="en">${message.en}</p><p><a href="/ingresar">Volver a ingresar / Back to sign-in</a></p></body></html>`,
    );
}

/**
 * Sign-in with the commune's directory (OpenID Connect), on plain routes: the browser is sent to
 * the provider and comes back here, outside tRPC. Both go through the directory door
 * (@ciar/api/doors); the session issued is the normal one, its refresh token in the same cookie.
 */
export default fp(
  async (
    app: FastifyInstance,
    options: {
      door: DirectorySignInDoor;
      deps: DirectorySignInDeps;
      publicUrl: string;
      cookieSecure: boolean;
    },
  ) => {
    app.get("/auth/directory/start", async (request, reply) => {
      const query = zStartDirectoryQuery.safeParse(request.query);
      if (!query.success) return refusalPage(reply, "bad_request");
      try {
        const url = await startDirectorySignIn(options.door, options.deps, {
          communeId: query.data.commune,
          returnTo: query.data.returnTo,
          ip: request.ip,
        });
        return reply.header("cache-control", "no-store").redirect(url, 303);
      } catch (error) {
        if (error instanceof DirectoryRefusal) return refusalPage(reply, error.reason);
        throw error;
      }
    });

    app.get("/auth/directory/callback", async (request, reply) => {
      // The URL the provider redirected to, as registered (PUBLIC_URL), with its query.
      const callbackUrl = new URL(request.url, options.publicUrl);
      try {
        const done = await finishDirectorySignIn(options.door, options.deps, callbackUrl, {
          requestId: request.id,
          ip: request.ip,
          userAgent: request.headers["user-agent"],
        });
        reply.setCookie(REFRESH_COOKIE, done.session.refreshToken, {
          ...refreshCookieOptions(options.cookieSecure),
          expires: done.session.refreshTokenExpiresAt,
        });
        // The dashboard picks the session up from the cookie ("/" opens the person's first commune).
        return reply.header("cache-control", "no-store").redirect(done.returnTo, 303);
      } catch (error) {
        if (error instanceof DirectoryRefusal) {
          request.log.warn({ reason: error.reason }, "directory sign-in refused");
          return refusalPage(reply, error.reason);
        }
        throw error;
      }
    });
  },
  { name: "directory-sign-in", dependencies: ["security"] },
);
