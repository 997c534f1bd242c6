import type { Doors } from "@ciar/api/doors";
import { clientSecretContext } from "@ciar/api/directory/configure";
import type { SecretBox } from "@ciar/api/crypto/secret-box";
import { communes, directoryProviders } from "@ciar/db/schema";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { startDevIdentityProvider, type DevIdentityProvider } from "./provider";

/** La Serena (CUT 04101): the demo commune connected to the demo directory. */
const LA_SERENA_CUT = "04101";

/**
 * Development and the demo (DEV_IDENTITY_PROVIDER_PORT, on by default with the demo seed in
 * development): once the server listens (migrations and the demo seed are done by then), starts
 * the demo directory on its own port and connects La Serena to it (allowed domain laserena.cl,
 * new people join as editors), unless La Serena already has a directory. Stopped with the server.
 */
export default fp(
  async (
    app: FastifyInstance,
    options: { port: number; publicUrl: string; redirectUri: string; doors: Doors; secretBox: SecretBox },
  ) => {
    let provider: DevIdentityProvider | undefined;
    app.addHook("onListen", async () => {
      try {
        provider = await startDevIdentityProvider({
          port: options.port,
          redirectUris: [options.redirectUri],
        });
      } catch (error) {
        // A busy port must not stop the platform: only the demo's directory sign-in is missing.
        app.log.warn({ err: error }, `demo directory not started on port ${options.port}`);
        return;
      }
      const [laSerena] = await options.doors.jobs.acrossCommunes((tx) =>
        tx.select({ id: communes.id }).from(communes).where(eq(communes.code, LA_SERENA_CUT)),
      );
      if (!laSerena) return;
      const started = provider;
      await options.doors.directorySignIn.forCommune(laSerena.id, (tx) =>
        tx
          .insert(directoryProviders)
          .values({
            communeId: laSerena.id,
            kind: "keycloak",
            issuerUrl: started.issuer,
            clientId: started.clientId,
            clientSecretSealed: options.secretBox.seal(
              started.clientSecret,
              clientSecretContext(laSerena.id),
            ),
            allowedDomains: ["laserena.cl"],
            defaultRole: "editor",
            enabled: true,
          })
          .onConflictDoNothing(),
      );
      app.log.info(
        `demo directory (OpenID provider) at ${started.issuer}: sign in as funcionaria@laserena.cl with "Ingresar con la cuenta de tu municipio"`,
      );
    });
    app.addHook("onClose", async () => {
      await provider?.close();
    });
  },
  { name: "demo-directory" },
);
