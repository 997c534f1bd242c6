/** Where a person whom a policy requires to use two-step verification enrols (Mi cuenta). */
export const TWO_STEP_ENROL_PATH = "/cuenta#verificacion";
