import "i18next";
import type es from "./es.json";

// Translation keys are checked at compile time against the Spanish file (the reference language);
// src/i18n/translations.test.ts checks that English has exactly the same keys.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof es };
  }
}
