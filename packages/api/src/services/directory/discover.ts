import { communes, directoryProviders } from "@ciar/db/schema";
import { and, eq, sql } from "drizzle-orm";
import type { RunAs } from "../ports";

/**
 * The sign-in page, once an e-mail is typed: the communes whose enabled directory accepts that
 * e-mail's domain (RLS: app.auth_email). Only what the button needs: the commune, its name, and
 * whether it is ClaveÚnica. Nothing about the person (no account is looked up).
 */
export async function discoverDirectories(runAs: RunAs, email: string) {
  const domain = email.split("@")[1] ?? "";
  return runAs({ authEmail: email }, (tx) =>
    tx
      .select({ communeId: communes.id, communeName: communes.name, kind: directoryProviders.kind })
      .from(directoryProviders)
      .innerJoin(communes, eq(communes.id, directoryProviders.communeId))
      .where(
        and(
          eq(directoryProviders.enabled, true),
          eq(communes.status, "active"),
          sql`${domain} = any(${directoryProviders.allowedDomains})`,
        ),
      )
      .orderBy(communes.name)
      .limit(5),
  ).then((rows) =>
    rows.map((row) => ({
      communeId: row.communeId,
      communeName: row.communeName,
      claveUnica: row.kind === "claveunica",
    })),
  );
}
