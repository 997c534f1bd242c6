import { describe, expect, it } from "vitest";
import { checkPasswordStrength, MIN_PASSWORD_SCORE } from "./password-strength";

describe("checkPasswordStrength", () => {
  it("refuses long but easy passwords, saying why in Spanish and English", async () => {
    for (const password of ["aaaaaaaaaa", "password123", "1234567890", "p4ssw0rd123", "qwertyuiop"]) {
      const verdict = await checkPasswordStrength(password);
      expect(verdict.ok, password).toBe(false);
      expect(verdict.score, password).toBeLessThan(MIN_PASSWORD_SCORE);
      expect(verdict.reasons.es[0]).toBe(
        "Es demasiado fácil de adivinar: usa una frase de varias palabras poco comunes.",
      );
      expect(verdict.reasons.en[0]).toBe("It is too easy to guess: use a phrase of several uncommon words.");
      expect(verdict.reasons.es.length).toBe(verdict.reasons.en.length);
    }
    const repeated = await checkPasswordStrength("aaaaaaaaaa");
    expect(repeated.reasons.es.join(" ")).toMatch(/repetidos/i);
  });

  it("counts what is known of the person (e-mail, name, commune)", async () => {
    expect((await checkPasswordStrength("laserena2026")).ok).toBe(true);
    expect((await checkPasswordStrength("laserena2026", ["admin@laserena.example"])).ok).toBe(false);
  });

  it("accepts phrases of uncommon words and random strings", async () => {
    for (const password of ["Tortuga-Volcán-Lápiz-91", "correcto caballo batería grapa", "Q7#vd9!kLm2p"])
      expect((await checkPasswordStrength(password)).ok, password).toBe(true);
  });
});
