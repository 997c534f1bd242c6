import { loadConfig } from "./config";
import { openAppDatabase, prepareDatabase } from "./database";

/** `migrate`: applies migrations (and the demo seed unless production) without serving. */
async function main() {
  const config = loadConfig();
  const connection = await openAppDatabase(config);
  try {
    await prepareDatabase(config, connection, (msg) => console.log(msg));
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
