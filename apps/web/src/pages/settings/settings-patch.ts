import type { Locale } from "@ciar/domain/roles";

export interface SettingsValues {
  displayName: string;
  contactEmail: string;
  websiteUrl: string;
  defaultLocale: Locale;
}

interface StoredSettings {
  displayName: string | null;
  contactEmail: string | null;
  websiteUrl: string | null;
  defaultLocale: string;
}

/**
 * Only the fields that changed, as the API expects them: an emptied e-mail or website becomes
 * null (cleared). An empty display name is left out when there was none, since the API has no
 * way to clear it (the official name is shown instead).
 */
export function settingsPatch(stored: StoredSettings, values: SettingsValues): Record<string, string | null> {
  const next = {
    displayName: values.displayName.trim() || null,
    contactEmail: values.contactEmail.trim() || null,
    websiteUrl: values.websiteUrl.trim() || null,
    defaultLocale: values.defaultLocale,
  };
  const patch: Record<string, string | null> = {};
  for (const [field, value] of Object.entries(next)) {
    if (value === stored[field as keyof StoredSettings]) continue;
    if (field === "displayName" && value === null) {
      patch.displayName = ""; // the schema's min length reports it next to the field
      continue;
    }
    patch[field] = value;
  }
  return patch;
}
