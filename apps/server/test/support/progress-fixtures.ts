import { coalitions, communes, selfAssessments } from "@ciar/db/schema";
import { applySettings } from "@ciar/db/tenant-transaction";
import { and, eq } from "drizzle-orm";
import type { TestApp } from "./test-app";

/** Id of a coalition by slug (coalitions are readable by everyone). */
export async function coalitionIdOf(t: TestApp, slug: string): Promise<string> {
  const [row] = await t.db.owner.db
    .select({ id: coalitions.id })
    .from(coalitions)
    .where(eq(coalitions.slug, slug));
  if (!row) throw new Error(`no coalition ${slug}`);
  return row.id;
}

export async function communeIdOf(t: TestApp, cut: string): Promise<string> {
  const [row] = await t.db.owner.db.select({ id: communes.id }).from(communes).where(eq(communes.code, cut));
  if (!row) throw new Error(`no commune ${cut}`);
  return row.id;
}

/** A commune's assessment of a period, read as that commune (FORCE RLS holds for the owner too). */
export async function assessmentOf(t: TestApp, cut: string, period: string) {
  const communeId = await communeIdOf(t, cut);
  return t.db.owner.db.transaction(async (tx) => {
    await applySettings(tx, { communeId });
    const [row] = await tx
      .select()
      .from(selfAssessments)
      .where(and(eq(selfAssessments.communeId, communeId), eq(selfAssessments.period, period)));
    if (!row) throw new Error(`no assessment ${cut} ${period}`);
    return row;
  });
}
