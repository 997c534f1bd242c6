import type { Database } from "@ciar/db/client";
import type { GatewayDoor, JobsDoor, RunAs, StripeWebhookDoor } from "../services/ports";
import { createRunAs } from "./run-as";

export type { GatewayDoor, JobsDoor, RunAs, StripeWebhookDoor } from "../services/ports";

/**
 * Every door to the data, built once by the server from one database handle. All share one
 * runAs (one pool metric); the named ones only let their caller set the settings it needs.
 */
export interface Doors {
  /** For the tRPC context: its procedures (src/procedures) are the doors of the API calls. */
  trpc: RunAs;
  gateway: GatewayDoor;
  stripeWebhook: StripeWebhookDoor;
  jobs: JobsDoor;
}

export function createDoors(db: Database, onTransaction?: (delta: 1 | -1) => void): Doors {
  const runAs = createRunAs(db, onTransaction);
  return { trpc: runAs, gateway: runAs, stripeWebhook: runAs, jobs: runAs };
}
