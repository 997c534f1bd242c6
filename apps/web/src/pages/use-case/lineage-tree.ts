export interface LineageNode {
  useCaseId: string;
  parentId: string | null;
  communeName: string;
  stage: string;
  depth: number;
}

export interface LineageTreeNode<N extends LineageNode = LineageNode> {
  node: N;
  children: LineageTreeNode<N>[];
}

/**
 * The API's flat list (root first, then reuses by depth) as a tree. A reuse whose parent the
 * commune cannot see (made private since) hangs from the root rather than disappearing; a node
 * listed twice is shown once.
 */
export function buildLineageTree<N extends LineageNode>(
  nodes: readonly N[],
  rootId: string,
): LineageTreeNode<N> | null {
  const byId = new Map<string, LineageTreeNode<N>>();
  for (const node of nodes) if (!byId.has(node.useCaseId)) byId.set(node.useCaseId, { node, children: [] });
  const root = byId.get(rootId) ?? null;
  if (!root) return null;
  const sorted = [...byId.values()].sort(
    (a, b) => a.node.depth - b.node.depth || a.node.communeName.localeCompare(b.node.communeName, "es"),
  );
  for (const entry of sorted) {
    if (entry === root) continue;
    const parent = (entry.node.parentId && byId.get(entry.node.parentId)) || root;
    // A parent that is this node's own descendant would make a loop: attach to the root instead.
    (isDescendant(parent, entry) ? root : parent).children.push(entry);
  }
  return root;
}

function isDescendant<N extends LineageNode>(candidate: LineageTreeNode<N>, of: LineageTreeNode<N>): boolean {
  return of.children.some((child) => child === candidate || isDescendant(candidate, child));
}

/** How many use cases the tree holds (the original included). */
export function countNodes(tree: LineageTreeNode | null): number {
  return tree ? 1 + tree.children.reduce((sum, child) => sum + countNodes(child), 0) : 0;
}
