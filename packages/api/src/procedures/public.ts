import { baseProcedure } from "../trpc";

/** Anyone, signed in or not. Data access only through ctx.runAs with narrow settings. */
export const publicProcedure = baseProcedure;
