import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type Provider from "oidc-provider";
import { DEMO_DIRECTORY_ACCOUNTS, type DirectoryAccount } from "./accounts";

/**
 * A real OpenID Connect provider (panva's oidc-provider) for development, the demo and the tests:
 * what a commune's Entra ID, Google Workspace, Keycloak or ClaveÚnica would be. Authorization code
 * flow with PKCE, a sign-in form that checks the demo directory's passwords, and no consent screen
 * (a workforce directory does not ask its own staff). Never started in production.
 */
export interface DevIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Stops answering (a provider that is down), without closing: `resume()` answers again. */
  close(): Promise<void>;
}

export interface DevIdentityProviderOptions {
  port: number;
  host?: string;
  /** The platform's callback(s): <PUBLIC_URL>/auth/directory/callback. */
  redirectUris: string[];
  clientId?: string;
  clientSecret?: string;
  accounts?: readonly DirectoryAccount[];
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string) {
  return `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:4rem auto;padding:0 1rem}
label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;box-sizing:border-box}
button{margin-top:1rem;padding:.6rem 1.2rem}.error{color:#a40000}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

function loginForm(uid: string, clientName: string, error?: string) {
  return page(
    "Directorio municipal (demo)",
    `<p>Ingresa con tu cuenta institucional para continuar a <strong>${escapeHtml(clientName)}</strong>.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label for="email">Correo institucional</label><input id="email" name="email" type="email" autocomplete="username" required>
<label for="password">Contraseña</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Ingresar</button></form>`,
  );
}

async function formBody(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 10_000) break;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

export async function startDevIdentityProvider(
  options: DevIdentityProviderOptions,
): Promise<DevIdentityProvider> {
  const host = options.host ?? "127.0.0.1";
  const clientId = options.clientId ?? "red-ciar-demo";
  const clientSecret = options.clientSecret ?? "red-ciar-demo-secret-0123456789";
  const accounts = new Map((options.accounts ?? DEMO_DIRECTORY_ACCOUNTS).map((a) => [a.email, a]));

  // The issuer must be known before the provider exists: listen first, then attach it.
  let handler: (request: IncomingMessage, response: ServerResponse) => void = (_req, res) => res.end();
  const server: Server = createServer((request, response) => handler(request, response));
  await new Promise<void>((resolve) => server.listen(options.port, host, resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${host}:${port}`;

  // Loaded only when started: the package stays out of every other start of the server.
  const { default: OidcProvider } = await import("oidc-provider");
  const provider: Provider = new OidcProvider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        client_name: "Red CIAR",
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name"],
      name: ["name"],
      run: ["RolUnico"],
    },
    scopes: ["openid", "email", "profile", "name", "run"],
    pkce: { required: () => true },
    // Lifetimes of a demo: minutes for the flow's artifacts, an hour for the provider's own session.
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // Development keys: a fixed cookie key is fine for a provider that holds no real accounts.
    cookies: { keys: ["red-ciar-dev-identity-provider"] },
    findAccount: (_ctx, id) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          email: account.email,
          email_verified: account.emailVerified,
          name: account.name,
          ...(account.run ? { RolUnico: account.run } : {}),
        }),
      };
    },
  });
  // The provider is reached over plain http on localhost; cookies need not be secure there.
  provider.proxy = false;
  const callback = provider.callback();

  handler = (request, response) => {
    void (async () => {
      const url = new URL(request.url ?? "/", issuer);
      const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
      if (!match) return callback(request, response);
      const details = await provider.interactionDetails(request, response);
      if (match[2] && request.method === "POST") {
        const form = await formBody(request);
        const account = accounts.get((form.get("email") ?? "").trim().toLowerCase());
        if (!account || account.password !== form.get("password")) {
          response.writeHead(401, { "content-type": "text/html; charset=utf-8" });
          return response.end(loginForm(details.uid, "Red CIAR", "Correo o contraseña incorrectos."));
        }
        return provider.interactionFinished(
          request,
          response,
          { login: { accountId: account.email } },
          { mergeWithLastSubmission: false },
        );
      }
      if (details.prompt.name === "login") {
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        return response.end(loginForm(details.uid, "Red CIAR"));
      }
      // Consent: granted at once for what was asked (a workforce directory, first-party).
      const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      const grant = new provider.Grant({
        accountId: details.session!.accountId,
        clientId: String(details.params.client_id),
      });
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      const grantId = await grant.save();
      return provider.interactionFinished(
        request,
        response,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
    })().catch((error: unknown) => {
      if (response.headersSent) return response.end();
      response.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
      response.end(error instanceof Error ? error.message : "error");
    });
  };

  return {
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
