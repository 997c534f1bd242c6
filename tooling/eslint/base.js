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
  // Type-aware rules on TypeScript files (each file's own tsconfig, found by the project service):
  // a promise nobody awaits loses its error (an unhandled rejection ends the server process), and a
  // promise handed where a callback's result is ignored runs unobserved. Fire-and-forget must be
  // written `void` on purpose, with a comment saying why. One pattern needs no comment each time:
  // in the web app, `void` before TanStack Query's refetch/invalidateQueries, navigate() and
  // i18n.changeLanguage(): their failures land in the query's or router's own state.
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: process.cwd() } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
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
