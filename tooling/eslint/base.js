// Shared lint rules. Two rules carry architecture, not taste:
// - environment variables are read in one validated config module only;
// - API handlers and services never import the raw database client: tenant data is reached
//   through ctx.tx, opened by the tenant procedure with the RLS settings in place.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/dist/**", "**/drizzle/**", "**/.turbo/**", "**/node_modules/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message: "Read configuration through the validated config module (config.ts / env.ts).",
        },
      ],
    },
  },
  {
    files: [
      "**/*.test.ts",
      "**/test/**",
      "**/scripts/**",
      "**/bench/**",
      "**/*.config.ts",
      "**/config.ts",
      "**/env.ts",
    ],
    rules: { "no-restricted-properties": "off" },
  },
);
