import { router } from "../trpc";
import { auditRouter } from "./audit/router";
import { authRouter } from "./auth/router";
import { communesRouter } from "./communes/router";
import { invitationsRouter } from "./invitations/router";
import { membersRouter } from "./members/router";

export const appRouter = router({
  auth: authRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  communes: communesRouter,
  audit: auditRouter,
});

/** The web imports only this type. */
export type AppRouter = typeof appRouter;
