import react from "@ciar/eslint-config/react";

export default react;
