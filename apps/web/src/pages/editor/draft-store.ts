import type { UseCaseForm } from "./use-case-form";

/** What is kept in localStorage while editing: the form, when, and the version it started from. */
export interface LocalDraft {
  form: UseCaseForm;
  savedAt: string;
  baseVersion: number | null;
}

type KeyValueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** One draft per commune and use case ("new" for one not yet created). */
export function draftKey(communeId: string, useCaseId: string | null): string {
  return `ciar.draft.${communeId}.${useCaseId ?? "new"}`;
}

function isDraft(value: unknown): value is LocalDraft {
  if (typeof value !== "object" || value === null) return false;
  const d = value as Record<string, unknown>;
  const form = d.form as Record<string, unknown> | null;
  return (
    typeof d.savedAt === "string" &&
    !Number.isNaN(Date.parse(d.savedAt)) &&
    (d.baseVersion === null || typeof d.baseVersion === "number") &&
    typeof form === "object" &&
    form !== null &&
    typeof form.title === "string" &&
    Array.isArray(form.kpis) &&
    Array.isArray(form.techniques) &&
    typeof form.transparency === "object"
  );
}

/** Drafts kept before KPIs could name a coalition indicator have rows without the field. */
function withKpiLinks(draft: LocalDraft): LocalDraft {
  const kpis = draft.form.kpis.map((row) => ({
    ...row,
    indicatorCode: typeof row.indicatorCode === "string" ? row.indicatorCode : "",
  }));
  return { ...draft, form: { ...draft.form, kpis } };
}

/**
 * localStorage can be full, blocked or hold something else under our key: a draft is a
 * convenience, so every failure reads as "no draft" instead of breaking the editor.
 */
export function createDraftStore(storage: KeyValueStorage | null) {
  return {
    save(key: string, form: UseCaseForm, baseVersion: number | null, now = new Date()): LocalDraft | null {
      const draft: LocalDraft = { form, savedAt: now.toISOString(), baseVersion };
      try {
        storage?.setItem(key, JSON.stringify(draft));
        return storage ? draft : null;
      } catch {
        return null;
      }
    },
    load(key: string): LocalDraft | null {
      try {
        const raw = storage?.getItem(key);
        if (!raw) return null;
        const parsed: unknown = JSON.parse(raw);
        return isDraft(parsed) ? withKpiLinks(parsed) : null;
      } catch {
        return null;
      }
    },
    clear(key: string) {
      try {
        storage?.removeItem(key);
      } catch {
        // nothing to clean up then
      }
    },
  };
}

function browserStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

export const draftStore = createDraftStore(browserStorage());
