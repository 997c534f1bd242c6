import base from "@ciar/eslint-config/base";

export default [...base, { files: ["src/testing/**"], rules: { "no-restricted-properties": "off" } }];
