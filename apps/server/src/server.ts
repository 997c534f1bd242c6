import closeWithGrace from "close-with-grace";
import { buildApp } from "./app";
import { ConfigError, loadConfig } from "./config";
import { openAppDatabase, prepareDatabase } from "./database";

async function main() {
  const config = loadConfig();
  const connection = await openAppDatabase(config);
  const app = await buildApp({ config, connection });
  if (config.jwtSecretIsEphemeral)
    app.log.warn(
      "JWT_SECRET not set: using a per-process key (sessions survive restarts through the refresh cookie)",
    );
  if (config.migrateOnStart) await prepareDatabase(config, connection, (msg) => app.log.info(msg));

  // SIGTERM/SIGINT: stop accepting, let in-flight requests finish, then close the database.
  closeWithGrace({ delay: 10_000 }, async ({ err }) => {
    if (err) app.log.error({ err }, "shutting down after an error");
    await app.close();
    await connection.close();
  });

  await app.listen({ host: config.host, port: config.port });
  app.log.info(`Red CIAR listening on ${config.publicUrl} (database: ${connection.kind})`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error("Red CIAR failed to start:", error);
  }
  process.exit(1);
});
