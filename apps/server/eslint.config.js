import base from "@ciar/eslint-config/base";

export default base;
