import { LOCALES, type Locale } from "@ciar/domain/roles";
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import es from "./es.json";

const STORAGE_KEY = "ciar.language";

/** localStorage can throw (private modes, blocked storage): the language is a preference, not data. */
function storedLanguage(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return LOCALES.find((l) => l === value) ?? null;
  } catch {
    return null;
  }
}

/** Spanish (es-CL) by default, whatever the browser says; English once someone chooses it. */
function initialLanguage(): Locale {
  return storedLanguage() ?? "es";
}

function applyLanguage(language: string) {
  document.documentElement.lang = language === "en" ? "en" : "es-CL";
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // not remembered across visits; the page still switches
  }
}

// `void`: both languages are bundled, so init has nothing to load and nothing to fail on.
void i18n.use(initReactI18next).init({
  resources: { es: { translation: es }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: "es",
  supportedLngs: [...LOCALES],
  interpolation: { escapeValue: false }, // React escapes what it renders
});
document.documentElement.lang = i18n.language === "en" ? "en" : "es-CL";
i18n.on("languageChanged", applyLanguage);

export default i18n;
