import type { Tx } from "@ciar/db/client";
import { communes, directoryIdentities } from "@ciar/db/schema";
import { desc, eq } from "drizzle-orm";

/**
 * Mi cuenta, "directorio conectado": the communes whose directory the person has signed in with
 * (RLS: their own links only). Never the subject: for ClaveÚnica that is the RUN, kept only hashed.
 */
export function listConnectedDirectories(tx: Tx, userId: string) {
  return tx
    .select({
      communeName: communes.name,
      kind: directoryIdentities.kind,
      connectedAt: directoryIdentities.createdAt,
      lastSignInAt: directoryIdentities.lastSignInAt,
    })
    .from(directoryIdentities)
    .innerJoin(communes, eq(communes.id, directoryIdentities.communeId))
    .where(eq(directoryIdentities.userId, userId))
    .orderBy(desc(directoryIdentities.lastSignInAt));
}
