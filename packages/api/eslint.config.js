import base from "@ciar/eslint-config/base";

// Handlers and services reach tenant data only through ctx.tx, opened by the tenant
// procedure with the RLS settings in place. Only the procedure builders touch the client.
const tenantDoor = [
  {
    name: "@ciar/db/client",
    allowTypeImports: true,
    message: "Use ctx.tx from a tenant procedure.",
  },
  {
    name: "@ciar/db/tenant-transaction",
    importNames: ["withAccess"],
    message: "Transactions are opened by the procedure builders.",
  },
];
const CSV_WRITER = "src/services/csv/write-csv.ts";

export default [
  ...base,
  {
    files: ["src/routers/**", "src/services/**"],
    ignores: [CSV_WRITER],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            ...tenantDoor,
            // One CSV writer, formula escaping always on (a title "=HYPERLINK(…)" stays text).
            { name: "csv-stringify/sync", message: `Use toCsv from ${CSV_WRITER}.` },
            { name: "csv-stringify", message: `Use toCsv from ${CSV_WRITER}.` },
          ],
        },
      ],
    },
  },
  {
    files: [CSV_WRITER],
    rules: { "no-restricted-imports": ["error", { paths: tenantDoor }] },
  },
];
