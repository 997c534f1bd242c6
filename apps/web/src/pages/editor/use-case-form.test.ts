import { zCreateUseCaseInput } from "@ciar/domain/schemas/use-cases";
import { describe, expect, it } from "vitest";
import {
  emptyForm,
  formFieldErrors,
  formFromUseCase,
  formToContent,
  formToCreateInput,
  parseClp,
  parseDecimal,
  type UseCaseForm,
} from "./use-case-form";

const filled: UseCaseForm = {
  ...emptyForm(),
  title: "  Permisos de edificación con IA ",
  summary: "Revisión asistida de expedientes de la DOM.",
  serviceArea: "obras_permisos",
  techniques: ["llm_nlp"],
  tags: "DOM, permisos ,, dom",
  dataSources: "Expedientes DOM\n\n  Planos  \n",
  setupCostClp: "18.000.000",
  monthlyCostClp: "",
  kpis: [
    {
      id: "dias",
      name: "Días promedio por permiso de edificación",
      unit: "días",
      baseline: "126",
      current: "",
      target: "30",
      measuredOn: "",
      indicatorCode: "",
    },
  ],
  transparency: { ...emptyForm().transparency, personalData: "RUT\nDirección", contactEmail: " " },
  stage: "pilot",
};

describe("formToContent", () => {
  it("trims text, splits lists and turns empty optional fields into null", () => {
    const content = formToContent(filled);
    expect(content.title).toBe("Permisos de edificación con IA");
    expect(content.tags).toEqual(["dom", "permisos"]);
    expect(content.dataSources).toEqual(["Expedientes DOM", "Planos"]);
    expect(content.setupCostClp).toBe(18_000_000);
    expect(content.monthlyCostClp).toBeNull();
    expect(content.license).toBeNull();
    expect(content.transparency.personalData).toEqual(["RUT", "Dirección"]);
    expect(content.transparency.contactEmail).toBeNull();
    expect(content.kpis[0]).toEqual({
      id: "dias",
      name: "Días promedio por permiso de edificación",
      unit: "días",
      baseline: 126,
      current: null,
      target: 30,
      measuredOn: null,
    });
  });

  it("produces what the domain schema accepts for a complete form", () => {
    const parsed = zCreateUseCaseInput.safeParse(formToCreateInput(filled));
    expect(parsed.success).toBe(true);
    expect(parsed.data?.stage).toBe("pilot");
  });

  it("lets the schema reject amounts and numbers that are not numbers", () => {
    const bad = { ...filled, setupCostClp: "18 millones" };
    const parsed = zCreateUseCaseInput.safeParse(formToCreateInput(bad));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toContain("setupCostClp");
  });
});

describe("KPI links to a coalition indicator", () => {
  it("sends the indicator code of a linked KPI, and no field for one without a link", () => {
    const linked = { ...filled.kpis[0]!, indicatorCode: "dom_dias_permiso_edificacion" };
    const content = formToContent({ ...filled, kpis: [linked, { ...filled.kpis[0]!, id: "otro" }] });
    expect(content.kpis[0]?.indicatorCode).toBe("dom_dias_permiso_edificacion");
    expect(content.kpis[1]).not.toHaveProperty("indicatorCode");
    expect(zCreateUseCaseInput.safeParse(formToCreateInput({ ...filled, kpis: [linked] })).success).toBe(
      true,
    );
  });

  it("keeps a stored link through the editor, and reads a missing or null one as none", () => {
    const content = formToCreateInput(filled);
    const stored = {
      ...content,
      kpis: [
        { ...content.kpis[0]!, indicatorCode: "dom_dias_permiso_edificacion" },
        { ...content.kpis[0]!, id: "nulo", indicatorCode: null },
      ],
    };
    const form = formFromUseCase(stored);
    expect(form.kpis.map((k) => k.indicatorCode)).toEqual(["dom_dias_permiso_edificacion", ""]);
    expect(formToContent(form).kpis[0]?.indicatorCode).toBe("dom_dias_permiso_edificacion");
  });
});

describe("parsing numbers", () => {
  it("reads CLP with thousands dots and decimals with a comma", () => {
    expect(parseClp("$ 1.200.000")).toBe(1_200_000);
    expect(parseClp("  ")).toBeNull();
    expect(parseClp("12,5")).toBeNaN();
    expect(parseDecimal("12,5")).toBe(12.5);
    expect(parseDecimal("-3")).toBe(-3);
    expect(parseDecimal("")).toBeNull();
    expect(parseDecimal("abc")).toBeNaN();
  });
});

describe("formFromUseCase", () => {
  it("round-trips the content through the editor unchanged", () => {
    const content = formToCreateInput(filled);
    expect(formToCreateInput(formFromUseCase(content))).toEqual(content);
  });
});

describe("formFieldErrors", () => {
  it("drops the update's content. prefix so errors land on their fields", () => {
    expect(formFieldErrors({ "content.kpis.0.name": ["x"], title: ["y"] })).toEqual({
      "kpis.0.name": ["x"],
      title: ["y"],
    });
  });
});
