import { caseDetailPath } from "./commune-paths";
import { useMe } from "./session";

/**
 * Where a shared use case can be opened. Use-case pages live inside a commune (/c/:cut/casos/:id),
 * so a coordinator sees them as their first commune; someone with no commune has no such page,
 * and the title is shown without a link.
 */
export function useCatalogLink(): (useCaseId: string) => string | null {
  const me = useMe();
  const first = me.memberships[0];
  return (id) => (first ? caseDetailPath(first.code, id) : null);
}
