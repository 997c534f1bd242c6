import type { Locale } from "./roles";

/**
 * Password strength, estimated by zxcvbn-ts against common passwords, keyboard patterns,
 * repetitions, dates and Spanish and English words and names, plus what is known of the person
 * (e-mail, name). Length alone let `aaaaaaaaaa` through.
 *
 * Pure (no I/O) so the API enforces it and the dashboard shows the same verdict while typing. The
 * estimator and its dictionaries weigh some megabytes, so they are imported on first use: the web
 * bundle gets a separate chunk, loaded only on the page where a password is chosen.
 */

/** zxcvbn's scale 0–4; 3 is "safely unguessable" (about 10^10 guesses) for an online attacker. */
export const MIN_PASSWORD_SCORE = 3;

export interface PasswordVerdict {
  ok: boolean;
  score: number;
  /** Why it is weak and what to do, in each language; empty when it is strong enough. */
  reasons: Record<Locale, string[]>;
}

type Translations = { warnings: Record<string, string>; suggestions: Record<string, string> };
interface Estimator {
  check(
    password: string,
    userInputs: string[],
  ): { score: number; warning: string | null; suggestions: string[] };
  translations: Record<Locale, Translations>;
}

let estimator: Promise<Estimator> | undefined;

async function loadEstimator(): Promise<Estimator> {
  const [core, common, en, es] = await Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-en"),
    import("@zxcvbn-ts/language-es-es"),
  ]);
  // No translations given: feedback comes back as keys, translated below into both languages.
  const factory = new core.ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, ...es.dictionary },
    graphs: common.adjacencyGraphs,
    // The default (100) explores every l33t reading and took up to 400 ms of CPU for one
    // 12-character password; 4 still reads "p4ssw0rd" and keeps a check around 20–50 ms.
    l33tMaxSubstitutions: 4,
  });
  return {
    check: (password, userInputs) => {
      const result = factory.check(password, userInputs);
      return { score: result.score, ...result.feedback };
    },
    translations: { es: es.translations, en: en.translations },
  };
}

const GENERIC: Record<Locale, string> = {
  es: "Es demasiado fácil de adivinar: usa una frase de varias palabras poco comunes.",
  en: "It is too easy to guess: use a phrase of several uncommon words.",
};

/** Judges `password`; `userInputs` are words an attacker would try first (e-mail, name, commune). */
export async function checkPasswordStrength(
  password: string,
  userInputs: readonly string[] = [],
): Promise<PasswordVerdict> {
  estimator ??= loadEstimator();
  const { check, translations } = await estimator;
  // The e-mail's parts count too (local part, domain words), and the product's own name.
  const inputs = [...userInputs, ...userInputs.flatMap((i) => i.split(/[@.\s_-]+/)), "ciar", "redciar"]
    .map((i) => i.trim().toLowerCase())
    .filter((i) => i.length >= 3);
  const { score, warning, suggestions } = check(password, inputs);
  const ok = score >= MIN_PASSWORD_SCORE;
  if (ok) return { ok, score, reasons: { es: [], en: [] } };
  const reasonsIn = (locale: Locale) => {
    const t = translations[locale];
    const lines = [
      ...(warning ? [t.warnings[warning] ?? warning] : []),
      ...suggestions.map((s) => t.suggestions[s] ?? s),
    ];
    return lines.length > 0 ? [GENERIC[locale], ...lines] : [GENERIC[locale]];
  };
  return { ok, score, reasons: { es: reasonsIn("es"), en: reasonsIn("en") } };
}
