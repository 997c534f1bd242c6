import base from "@ciar/eslint-config/base";

// Handlers and services reach tenant data only through ctx.tx, opened by the tenant
// procedure with the RLS settings in place. Only the doors (src/doors, src/procedures) touch the
// client, open transactions or set RLS settings; services get a SetAccess from their door.
const tenantDoor = [
  {
    name: "@ciar/db/client",
    allowTypeImports: true,
    message: "Use ctx.tx from a tenant procedure.",
  },
  {
    name: "@ciar/db/tenant-transaction",
    importNames: ["withAccess", "applySettings"],
    message: "Transactions and their settings belong to the doors (src/doors, src/procedures).",
  },
];
// Services are free of the transport: they get what they need through services/ports.ts.
const transport = {
  paths: [],
  patterns: [
    {
      group: ["@trpc/*", "fastify", "fastify-*", "@fastify/*"],
      message: "Services are free of the transport: see services/ports.ts.",
    },
    {
      group: ["**/context", "**/trpc", "**/procedures", "**/procedures/*", "**/doors", "**/doors/*"],
      message: "Services are free of the transport: take RunAs, Logger, users from services/ports.ts.",
    },
  ],
};
const CSV_WRITER = "src/services/csv/write-csv.ts";
// One CSV writer, formula escaping always on (a title "=HYPERLINK(…)" stays text).
const csv = [
  { name: "csv-stringify/sync", message: `Use toCsv from ${CSV_WRITER}.` },
  { name: "csv-stringify", message: `Use toCsv from ${CSV_WRITER}.` },
];

export default [
  ...base,
  {
    files: ["src/**"],
    ignores: ["src/doors/**", "src/procedures/**", "src/routers/**", "src/services/**"],
    rules: { "no-restricted-imports": ["error", { paths: tenantDoor }] },
  },
  {
    files: ["src/routers/**"],
    rules: { "no-restricted-imports": ["error", { paths: [...tenantDoor, ...csv] }] },
  },
  {
    files: ["src/services/**"],
    ignores: [CSV_WRITER],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [...tenantDoor, ...csv, ...transport.paths], patterns: transport.patterns },
      ],
    },
  },
  {
    files: [CSV_WRITER],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [...tenantDoor, ...transport.paths], patterns: transport.patterns },
      ],
    },
  },
];
