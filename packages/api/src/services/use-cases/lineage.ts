import type { Tx } from "@ciar/db/client";
import { rowsOf } from "@ciar/db/rows";
import { sql } from "drizzle-orm";

const MAX_DEPTH = 12;

export interface LineageNode {
  useCaseId: string;
  parentId: string | null;
  communeId: string;
  communeName: string;
  stage: string;
  depth: number;
}

/**
 * Who reused whom, as a tree rooted at the original. Walks up through adopted_from as far as the
 * caller can see, then down through adoption records. Only reuses the caller may see appear: RLS
 * on use_cases and adoptions filters inside the recursive queries too.
 */
export async function getLineage(
  tx: Tx,
  useCaseId: string,
): Promise<{ rootId: string; nodes: LineageNode[] }> {
  const up = await tx.execute(sql`
    with recursive up as (
      select u.id, u.adopted_from_id, 0 as depth from use_cases u where u.id = ${useCaseId}
      union all
      select u.id, u.adopted_from_id, up.depth + 1 from use_cases u join up on u.id = up.adopted_from_id
      where up.depth < ${MAX_DEPTH}
    )
    select id from up order by depth desc limit 1`);
  const rootId = rowsOf<{ id: string }>(up)[0]?.id ?? useCaseId;

  const down = await tx.execute(sql`
    with recursive tree as (
      select a.use_case_id, a.source_use_case_id as parent_id, a.commune_id, a.stage, 1 as depth
      from adoptions a where a.source_use_case_id = ${rootId}
      union all
      select a.use_case_id, a.source_use_case_id, a.commune_id, a.stage, tree.depth + 1
      from adoptions a join tree on a.source_use_case_id = tree.use_case_id
      where tree.depth < ${MAX_DEPTH}
    )
    select tree.*, c.name as commune_name from tree join communes c on c.id = tree.commune_id
    union all
    select u.id, null, u.commune_id, u.stage, 0, c.name from use_cases u join communes c on c.id = u.commune_id where u.id = ${rootId}
    order by depth, commune_name`);
  return {
    rootId,
    nodes: rowsOf<LineageRow>(down).map((r) => ({
      useCaseId: r.use_case_id,
      parentId: r.parent_id,
      communeId: r.commune_id,
      communeName: r.commune_name,
      stage: r.stage,
      depth: Number(r.depth),
    })),
  };
}

interface LineageRow {
  use_case_id: string;
  parent_id: string | null;
  commune_id: string;
  commune_name: string;
  stage: string;
  depth: number;
}
