import { useEffect, useState } from "react";
import { draftStore } from "./draft-store";
import type { UseCaseForm } from "./use-case-form";

/**
 * Keeps the form in localStorage a moment after each change (only once the person changed
 * something), and tells when it last did. Saving to the server clears it (draftStore.clear).
 */
export function useAutosaveDraft(key: string, form: UseCaseForm, baseVersion: number | null, dirty: boolean) {
  const [savedAt, setSavedAt] = useState<string | null>(null);
  useEffect(() => {
    if (!dirty) return;
    const timer = setTimeout(() => {
      const draft = draftStore.save(key, form, baseVersion);
      if (draft) setSavedAt(draft.savedAt);
    }, 700);
    return () => clearTimeout(timer);
  }, [key, form, baseVersion, dirty]);
  return savedAt;
}
