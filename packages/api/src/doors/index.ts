import type { Database, Tx } from "@ciar/db/client";
import type { DirectorySignInDoor, GatewayDoor, JobsDoor, RunAs, StripeWebhookDoor } from "../services/ports";
import { createRunAs } from "./run-as";

export type { DirectorySignInDoor, GatewayDoor, JobsDoor, RunAs, StripeWebhookDoor } from "../services/ports";

/**
 * Every door to the data, built once by the server from one database handle. All share one
 * runAs (one pool metric). The named ones set their callers' settings here: a service behind
 * them says which key, event or commune, never which RLS setting.
 */
export interface Doors {
  /** For the tRPC context: its procedures (src/procedures) are the doors of the API calls. */
  trpc: RunAs;
  gateway: GatewayDoor;
  stripeWebhook: StripeWebhookDoor;
  jobs: JobsDoor;
  directorySignIn: DirectorySignInDoor;
}

export function createDoors(
  db: Database,
  onTransaction?: (delta: 1 | -1) => void,
  onMailQueued?: (outboxIds: string[]) => void,
): Doors {
  const runAs = createRunAs(db, onTransaction, onMailQueued);
  const asCommune = <T>(communeId: string, work: (tx: Tx) => Promise<T>) => runAs({ communeId }, work);
  return {
    trpc: runAs,
    gateway: {
      byApiKey: (keyHash, work) => runAs({ apiKeyHash: keyHash }, work),
      asCommune,
    },
    stripeWebhook: { forEvent: (eventId, work) => runAs({ stripeEventId: eventId }, work) },
    jobs: {
      acrossCommunes: (work) => runAs({}, work),
      asCommune,
      forMailDelivery: (work) => runAs({ mailDelivery: "on" }, work),
    },
    directorySignIn: {
      forCommune: asCommune,
      forState: (stateHash, work) => runAs({ directoryStateHash: stateHash }, work),
    },
  };
}
