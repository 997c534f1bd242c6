import type { Tx } from "@ciar/db/client";
import { communes } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import type { UpdateCommuneInput } from "@ciar/domain/schemas/communes";
import { eq } from "drizzle-orm";
import type { Actor } from "../actor";
import { diff, recordAudit } from "../audit/record-audit";

const columns = {
  id: communes.id,
  code: communes.code,
  country: communes.country,
  name: communes.name,
  province: communes.province,
  region: communes.region,
  regionIso: communes.regionIso,
  population: communes.population,
  populationYear: communes.populationYear,
  status: communes.status,
  isDemo: communes.isDemo,
  activatedAt: communes.activatedAt,
  displayName: communes.displayName,
  contactEmail: communes.contactEmail,
  websiteUrl: communes.websiteUrl,
  defaultLocale: communes.defaultLocale,
  twoStepPolicy: communes.twoStepPolicy,
};

export async function getCommune(tx: Tx, communeId: string) {
  const [commune] = await tx.select(columns).from(communes).where(eq(communes.id, communeId));
  if (!commune) throw new AppError("communes.not_found");
  return commune;
}

/** Only the settings the commune manages; official data (name, CUT, region) comes from SUBDERE. */
export async function updateCommune(tx: Tx, actor: Actor, input: UpdateCommuneInput) {
  const before = await getCommune(tx, actor.communeId);
  const changes = diff(before, input);
  if (Object.keys(changes).length === 0) return before;
  const [after] = await tx
    .update(communes)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(communes.id, actor.communeId))
    .returning(columns);
  await recordAudit(tx, actor, {
    action: "commune.updated",
    entityType: "commune",
    entityId: actor.communeId,
    changes,
  });
  return after!;
}
