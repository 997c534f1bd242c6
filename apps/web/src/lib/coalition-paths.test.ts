import { describe, expect, it } from "vitest";
import {
  coalitionCommunePath,
  coalitionPath,
  coordinationHomePath,
  findCoordinatedBySlug,
  PLATFORM_COALITIONS_PATH,
  reviewPath,
} from "./coalition-paths";

const ciar = { id: "c1", slug: "ciar-chile", name: "CIAR Chile" };
const reci = { id: "c2", slug: "reci-santiago", name: "RECI Santiago" };

describe("coalition paths", () => {
  it("builds the coordination pages' addresses from the slug", () => {
    expect(coalitionPath("ciar-chile")).toBe("/coaliciones/ciar-chile");
    expect(coalitionPath("ciar-chile", "revisiones")).toBe("/coaliciones/ciar-chile/revisiones");
    expect(reviewPath("ciar-chile", "a1")).toBe("/coaliciones/ciar-chile/revisiones/a1");
    expect(coalitionCommunePath("ciar-chile", "m1")).toBe("/coaliciones/ciar-chile/comunas/m1");
  });

  it("finds only a coalition the person coordinates", () => {
    expect(findCoordinatedBySlug([ciar, reci], "reci-santiago")).toBe(reci);
    expect(findCoordinatedBySlug([ciar], "reci-santiago")).toBeNull();
    expect(findCoordinatedBySlug([ciar], undefined)).toBeNull();
  });

  it("sends someone without communes to their coalition, or to the platform's coalitions", () => {
    expect(coordinationHomePath({ platformRoles: [], coordinates: [ciar, reci] })).toBe(
      "/coaliciones/ciar-chile",
    );
    expect(coordinationHomePath({ platformRoles: ["platform_admin"], coordinates: [] })).toBe(
      PLATFORM_COALITIONS_PATH,
    );
    expect(coordinationHomePath({ platformRoles: [], coordinates: [] })).toBeNull();
  });
});
