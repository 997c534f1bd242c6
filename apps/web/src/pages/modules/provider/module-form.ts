import type { RouterOutputs } from "../../../lib/trpc";

export type ProviderModule = RouterOutputs["modules"]["mine"][number];
export type ProviderPlan = ProviderModule["plans"][number];

/** A module's editable fields as the form holds them (strings, as typed). */
export interface ModuleForm {
  useCaseId: string;
  slug: string;
  name: string;
  description: string;
  documentation: string;
  usageUnit: string;
}

export function emptyModuleForm(): ModuleForm {
  return { useCaseId: "", slug: "", name: "", description: "", documentation: "", usageUnit: "" };
}

export function moduleFormFrom(module: ProviderModule): ModuleForm {
  return {
    useCaseId: module.useCase.id,
    slug: module.slug,
    name: module.name,
    description: module.description,
    documentation: module.documentation,
    usageUnit: module.usageUnit,
  };
}

/**
 * A slug suggested from the module's name: lower case, accents dropped, every other run of
 * characters a dash, at most 60 characters ("Revisión de permisos DOM" → "revision-de-permisos-dom").
 */
export function suggestSlug(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}

/**
 * What an update sends: only the fields that differ from the stored module (the API changes only
 * those), and the slug only while the module is a draft (it is fixed once published).
 */
export function changedModuleFields(module: ProviderModule, form: ModuleForm): Partial<ModuleForm> {
  const before = moduleFormFrom(module);
  const changed: Partial<ModuleForm> = {};
  for (const key of Object.keys(before) as Array<keyof ModuleForm>) {
    if (key === "slug" && module.status !== "draft") continue;
    if (form[key].trim() !== before[key]) changed[key] = form[key];
  }
  return changed;
}
