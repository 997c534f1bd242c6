import react from "@ciar/eslint-config/react";

export default [
  ...react,
  // Browser tests and tool configs run in Node and are typed by tsconfig.node.json, which the
  // project service (it reads the nearest tsconfig.json only) does not find by itself.
  {
    files: ["test/**/*.ts", "*.config.ts"],
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: "./tsconfig.node.json",
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
];
