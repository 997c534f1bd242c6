import type { Tx } from "@ciar/db/client";
import { selfAssessments } from "@ciar/db/schema";
import { desc, eq } from "drizzle-orm";
import { assessmentDetail, findAssessment, publicAssessment } from "./assessment-rows";

/** The commune's assessments, newest quarter first (a commune has at most a few dozen). */
export async function listOwnAssessments(tx: Tx, communeId: string) {
  const rows = await tx
    .select()
    .from(selfAssessments)
    .where(eq(selfAssessments.communeId, communeId))
    .orderBy(desc(selfAssessments.period));
  return rows.map(publicAssessment);
}

export async function getOwnAssessment(tx: Tx, communeId: string, id: string) {
  return assessmentDetail(tx, await findAssessment(tx, id, { communeId }));
}
