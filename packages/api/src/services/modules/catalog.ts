import type { Tx } from "@ciar/db/client";
import { communes, memberships, modulePlans, modules, useCases } from "@ciar/db/schema";
import { rowsOf } from "@ciar/db/rows";
import { AppError } from "@ciar/domain/errors";
import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { zUuid } from "@ciar/domain/schemas/common";
import { decodeCursor, encodeCursor } from "../pagination/keyset-cursor";
import type { SetAccess } from "../ports";
import { iso, planColumns } from "./views";

/**
 * The module catalog, for any signed-in user: published modules, their plans and who uses them.
 * The transaction carries app.user_id only, unless the request names a commune the user belongs
 * to (x-commune-id): then the use cases that commune may see (coalition-wide ones) and its own
 * draft modules show too. Nothing here reads an upstream URL.
 */

/**
 * Sets app.commune_id to the commune the request names, once the user's membership of it (and
 * the commune being active) is checked in this transaction; otherwise leaves it unset. A commune
 * one does not belong to is ignored, not refused: the catalog is readable without one.
 */
export async function useViewerCommune(
  tx: Tx,
  setAccess: SetAccess<"communeId">,
  userId: string,
  header: string | undefined,
): Promise<string | null> {
  const parsed = zUuid.safeParse(header);
  if (!parsed.success) return null;
  const [membership] = await tx
    .select({ communeId: memberships.communeId })
    .from(memberships)
    .innerJoin(communes, eq(communes.id, memberships.communeId))
    .where(
      and(
        eq(memberships.communeId, parsed.data),
        eq(memberships.userId, userId),
        isNull(memberships.suspendedAt),
        eq(communes.status, "active"),
      ),
    );
  if (!membership) return null;
  await setAccess({ communeId: parsed.data });
  return parsed.data;
}

const catalogColumns = {
  id: modules.id,
  communeId: modules.communeId,
  slug: modules.slug,
  name: modules.name,
  description: modules.description,
  status: modules.status,
  usageUnit: modules.usageUnit,
  isExample: modules.isExample,
  publishedAt: modules.publishedAt,
  useCaseId: modules.useCaseId,
  providerCode: communes.code,
  providerName: communes.name,
  // Null when the use case is not visible to the reader (a private one stays private).
  useCaseTitle: useCases.title,
};

type CatalogRow = {
  id: string;
  communeId: string;
  slug: string;
  name: string;
  description: string;
  status: "draft" | "published" | "retired";
  usageUnit: string;
  isExample: boolean;
  publishedAt: Date | null;
  useCaseId: string;
  providerCode: string;
  providerName: string;
  useCaseTitle: string | null;
};

function catalogQuery(tx: Tx) {
  return tx
    .select(catalogColumns)
    .from(modules)
    .innerJoin(communes, eq(communes.id, modules.communeId))
    .leftJoin(useCases, and(eq(useCases.communeId, modules.communeId), eq(useCases.id, modules.useCaseId)));
}

/** Active plans, cheapest first, and the communes using each module (public for published ones). */
async function decorate(tx: Tx, rows: CatalogRow[]) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const plans = await tx
    .select({ moduleId: modulePlans.moduleId, ...planColumns })
    .from(modulePlans)
    .where(and(inArray(modulePlans.moduleId, ids), eq(modulePlans.status, "active")))
    .orderBy(asc(modulePlans.priceClp), asc(modulePlans.id));
  const subscribers = rowsOf<{ module_id: string; code: string; name: string }>(
    await tx.execute(
      sql`select m.id as module_id, s.code, s.name
          from (values ${sql.join(
            ids.map((id) => sql`(${id}::uuid)`),
            sql`, `,
          )}) as m(id)
          cross join lateral module_subscribers(m.id) s`,
    ),
  );
  return rows.map((row) => {
    const users = subscribers
      .filter((s) => s.module_id === row.id)
      .map((s) => ({ code: s.code, name: s.name }));
    return {
      id: row.id,
      slug: row.slug,
      name: row.name,
      description: row.description,
      usageUnit: row.usageUnit,
      isExample: row.isExample,
      publishedAt: iso(row.publishedAt),
      provider: { communeId: row.communeId, code: row.providerCode, name: row.providerName },
      useCase: { id: row.useCaseId, title: row.useCaseTitle },
      plans: plans.filter((p) => p.moduleId === row.id).map(({ moduleId: _m, ...plan }) => plan),
      subscriberCount: users.length,
      subscribers: users,
    };
  });
}

/** `%`, `_` and `\` typed by the user match themselves. */
function likePattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function moduleCatalog(
  tx: Tx,
  input: { query?: string | undefined; cursor?: string | undefined; limit: number },
) {
  const after = decodeCursor(input.cursor, "text");
  const query = input.query?.trim();
  const pattern = query ? likePattern(query) : null;
  const rows = (await catalogQuery(tx)
    .where(
      and(
        // Platform admins and the provider's own members see drafts through RLS: not in the catalog.
        eq(modules.status, "published"),
        pattern
          ? or(
              sql`${modules.name} ilike ${pattern}`,
              sql`${modules.description} ilike ${pattern}`,
              sql`${modules.usageUnit} ilike ${pattern}`,
              sql`${modules.slug} ilike ${pattern}`,
              sql`${communes.name} ilike ${pattern}`,
            )
          : undefined,
        after ? sql`(${modules.name}, ${modules.id}) > (${after[0]}, ${after[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(modules.name), asc(modules.id))
    .limit(input.limit + 1)) as CatalogRow[];
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: await decorate(tx, page),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.name, last.id) : null,
  };
}

/**
 * One module's page: a published module, or a draft or retired module of the viewer's own
 * commune (then with `isOwn` and its status), with its documentation and active plans.
 */
export async function getModule(tx: Tx, viewerCommuneId: string | null, slug: string) {
  const [row] = (await catalogQuery(tx)
    .where(
      and(
        eq(modules.slug, slug),
        viewerCommuneId
          ? or(eq(modules.status, "published"), eq(modules.communeId, viewerCommuneId))
          : eq(modules.status, "published"),
      ),
    )
    .limit(1)) as CatalogRow[];
  if (!row) throw new AppError("modules.not_found");
  const [documentation] = await tx
    .select({ documentation: modules.documentation })
    .from(modules)
    .where(eq(modules.id, row.id));
  const [item] = await decorate(tx, [row]);
  return {
    ...item!,
    documentation: documentation?.documentation ?? "",
    status: row.status,
    isOwn: row.communeId === viewerCommuneId,
  };
}
