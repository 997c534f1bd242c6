import { defineConfig } from "vitest/config";

// Drives Debian's Chromium against the real built server (apps/server/dist) and dashboard (apps/web/dist).
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
