import { defineConfig } from "vitest/config";

// Unit tests of pure UI logic only; the browser test has its own config (vitest.browser.config.ts).
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
