import { describe, expect, it } from "vitest";
import {
  caseDetailPath,
  communePath,
  findMembershipByCut,
  homePath,
  safeReturnPath,
  switchCommunePath,
} from "./commune-paths";

const memberships = [
  { communeId: "8e5ea773-809c-401c-af40-926ac66eb779", code: "04102", name: "Coquimbo" },
  { communeId: "816ecc11-bf3b-406a-b453-aceb344fc33b", code: "04101", name: "La Serena" },
  { communeId: "11111111-2222-4333-8444-555555555555", code: "13119", name: "Maipú" },
];

describe("findMembershipByCut (the URL's CUT → the communeId sent as x-commune-id)", () => {
  it("finds the membership whose CUT the URL names", () => {
    expect(findMembershipByCut(memberships, "04101")?.communeId).toBe("816ecc11-bf3b-406a-b453-aceb344fc33b");
    expect(findMembershipByCut(memberships, "13119")?.name).toBe("Maipú");
  });

  it("accepts a CUT that lost its leading zero", () => {
    expect(findMembershipByCut(memberships, "4102")?.name).toBe("Coquimbo");
  });

  it("returns null for a commune the person does not belong to, or a segment that is not a CUT", () => {
    expect(findMembershipByCut(memberships, "13101")).toBeNull();
    for (const bad of [undefined, "", "la-serena", "041011", "04101;drop", "../04101"]) {
      expect(findMembershipByCut(memberships, bad)).toBeNull();
    }
  });
});

describe("switchCommunePath", () => {
  it("keeps the page when switching commune", () => {
    expect(switchCommunePath("/c/04101/configuracion", "04102")).toBe("/c/04102/configuracion");
    expect(switchCommunePath("/c/04101/auditoria", "04102")).toBe("/c/04102/auditoria");
    expect(switchCommunePath("/c/04101/miembros", "04102")).toBe("/c/04102/miembros");
  });

  it("keeps the catalog, the commune's cases and notifications, but not another commune's case", () => {
    expect(switchCommunePath("/c/04101/catalogo", "04102")).toBe("/c/04102/catalogo");
    expect(switchCommunePath("/c/04101/notificaciones", "04102")).toBe("/c/04102/notificaciones");
    // A use case is seen as one commune: the other lands on its own list instead.
    expect(switchCommunePath("/c/04101/casos/0193-abc/editar", "04102")).toBe("/c/04102/casos");
    // Same for a self-assessment: the other commune lands on its own list.
    expect(switchCommunePath("/c/04101/autoevaluaciones/0193-abc", "04102")).toBe(
      "/c/04102/autoevaluaciones",
    );
    expect(switchCommunePath("/c/04101/hoja-de-ruta", "04102")).toBe("/c/04102/hoja-de-ruta");
  });

  it("falls back to the members page from anywhere else", () => {
    expect(switchCommunePath("/", "04102")).toBe("/c/04102/miembros");
    expect(switchCommunePath("/c/04101/unknown", "04102")).toBe("/c/04102/miembros");
    expect(switchCommunePath("/c/99999", "04102")).toBe("/c/04102/miembros");
  });
});

describe("homePath", () => {
  it("leads to the first membership's members page, or nowhere without memberships", () => {
    expect(homePath(memberships)).toBe(communePath("04102", "miembros"));
    expect(homePath([])).toBeNull();
  });
});

describe("safeReturnPath (?volver= after sign-in)", () => {
  it("keeps paths on this site", () => {
    expect(safeReturnPath("/c/04101/auditoria")).toBe("/c/04101/auditoria");
    expect(safeReturnPath("/invitacion/abc?x=1")).toBe("/invitacion/abc?x=1");
  });

  it("refuses anything that could leave the site", () => {
    for (const bad of [
      "https://evil.example",
      "//evil.example/x",
      "/\\evil.example",
      "javascript:alert(1)",
      "",
      null,
      undefined,
    ]) {
      expect(safeReturnPath(bad)).toBe("/");
    }
  });
});

describe("caseDetailPath", () => {
  it("links a use case's page and its editor within the commune", () => {
    expect(caseDetailPath("04101", "abc")).toBe("/c/04101/casos/abc");
    expect(caseDetailPath("04101", "abc", true)).toBe("/c/04101/casos/abc/editar");
  });
});
