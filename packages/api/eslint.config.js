import base from "@ciar/eslint-config/base";

export default [
  ...base,
  {
    // Handlers and services reach tenant data only through ctx.tx, opened by the tenant
    // procedure with the RLS settings in place. Only the procedure builders touch the client.
    files: ["src/routers/**", "src/services/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
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
          ],
        },
      ],
    },
  },
];
