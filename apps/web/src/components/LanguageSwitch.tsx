import { LOCALES } from "@ciar/domain/roles";
import { useTranslation } from "react-i18next";

/** ES / EN. The choice is remembered and sets <html lang> (see src/i18n/index.ts). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t("language.label")}>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale === "es" ? "es-CL" : "en"}
          aria-pressed={i18n.language === locale}
          onClick={() => void i18n.changeLanguage(locale)}
        >
          <span aria-hidden="true">{locale.toUpperCase()}</span>
          <span className="visually-hidden">{t(`language.${locale}`)}</span>
        </button>
      ))}
    </div>
  );
}
