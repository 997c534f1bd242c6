import { describe, expect, it } from "vitest";
import { changedModuleFields, moduleFormFrom, suggestSlug, type ProviderModule } from "./module-form";

const module = {
  id: "00000000-0000-4000-8000-000000000002",
  slug: "oirs-clasificador",
  name: "Clasificador OIRS",
  description: "Clasifica solicitudes OIRS por tema.",
  documentation: "",
  status: "draft",
  usageUnit: "solicitud clasificada",
  isExample: false,
  useCase: { id: "00000000-0000-4000-8000-000000000003", title: "OIRS" },
  upstreamUrl: "https://oirs.example/api",
  publishedAt: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  plans: [],
  subscriberCount: 0,
  pendingCount: 0,
} satisfies ProviderModule;

describe("suggestSlug", () => {
  it("drops accents and joins words with dashes", () => {
    expect(suggestSlug("Revisión de permisos DOM (ejemplo)")).toBe("revision-de-permisos-dom-ejemplo");
    expect(suggestSlug("  Ñuñoa: 311 ")).toBe("nunoa-311");
    expect(suggestSlug("x".repeat(80))).toHaveLength(60);
  });
});

describe("changedModuleFields", () => {
  it("sends only the fields that changed", () => {
    const form = { ...moduleFormFrom(module), name: "Clasificador OIRS 2" };
    expect(changedModuleFields(module, form)).toEqual({ name: "Clasificador OIRS 2" });
    expect(changedModuleFields(module, moduleFormFrom(module))).toEqual({});
  });

  it("never sends the slug once the module is published", () => {
    const published = { ...module, status: "published" as const };
    expect(changedModuleFields(published, { ...moduleFormFrom(published), slug: "otro" })).toEqual({});
    expect(changedModuleFields(module, { ...moduleFormFrom(module), slug: "otro" })).toEqual({
      slug: "otro",
    });
  });
});
