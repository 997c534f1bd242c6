import { describe, expect, it } from "vitest";
import { buildLineageTree, countNodes, type LineageNode, type LineageTreeNode } from "./lineage-tree";

const node = (
  useCaseId: string,
  parentId: string | null,
  depth: number,
  communeName = useCaseId,
): LineageNode => ({
  useCaseId,
  parentId,
  communeName,
  stage: "idea",
  depth,
});

const shape = (tree: LineageTreeNode | null): unknown =>
  tree ? { [tree.node.useCaseId]: tree.children.map(shape) } : null;

describe("buildLineageTree", () => {
  it("nests reuses under what they reused, siblings by commune name", () => {
    const tree = buildLineageTree(
      [
        node("root", null, 0, "La Serena"),
        node("b", "root", 1, "Coquimbo"),
        node("a", "root", 1, "Andacollo"),
        node("c", "b", 2, "Ovalle"),
      ],
      "root",
    );
    expect(shape(tree)).toEqual({ root: [{ a: [] }, { b: [{ c: [] }] }] });
    expect(countNodes(tree)).toBe(4);
  });

  it("keeps a reuse whose parent is not visible, under the root", () => {
    const tree = buildLineageTree([node("root", null, 0), node("c", "hidden", 2)], "root");
    expect(shape(tree)).toEqual({ root: [{ c: [] }] });
  });

  it("does not depend on the order of the list, and shows a node once", () => {
    const tree = buildLineageTree(
      [node("c", "b", 2), node("b", "root", 1), node("root", null, 0), node("b", "root", 1)],
      "root",
    );
    expect(shape(tree)).toEqual({ root: [{ b: [{ c: [] }] }] });
  });

  it("has nothing to show without the root", () => {
    expect(buildLineageTree([node("b", "root", 1)], "root")).toBeNull();
    expect(countNodes(null)).toBe(0);
  });
});
