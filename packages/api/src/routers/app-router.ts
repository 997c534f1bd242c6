import { router } from "../trpc";
import { auditRouter } from "./audit/router";
import { authRouter } from "./auth/router";
import { communesRouter } from "./communes/router";
import { invitationsRouter } from "./invitations/router";
import { catalogRouter } from "./catalog/router";
import { discussionRouter } from "./discussion/router";
import { membersRouter } from "./members/router";
import { notificationsRouter } from "./notifications/router";
import { useCasesRouter } from "./use-cases/router";
import { assessmentReviewRouter, assessmentsRouter } from "./assessments/router";
import { coalitionsRouter } from "./coalitions/router";
import { frameworksRouter } from "./frameworks/router";
import { indicatorsRouter } from "./indicators/router";
import { milestonesRouter } from "./milestones/router";
import { progressRouter } from "./progress/router";
import { peerGroupsRouter } from "./peer-groups/router";
import { modulesRouter } from "./modules/router";
import { subscriptionsRouter } from "./subscriptions/router";
import { apiKeysRouter } from "./api-keys/router";
import { billingRouter } from "./billing/router";

export const appRouter = router({
  auth: authRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  communes: communesRouter,
  audit: auditRouter,
  useCases: useCasesRouter,
  catalog: catalogRouter,
  discussion: discussionRouter,
  notifications: notificationsRouter,
  coalitions: coalitionsRouter,
  frameworks: frameworksRouter,
  assessments: assessmentsRouter,
  assessmentReview: assessmentReviewRouter,
  indicators: indicatorsRouter,
  milestones: milestonesRouter,
  progress: progressRouter,
  peerGroups: peerGroupsRouter,
  modules: modulesRouter,
  subscriptions: subscriptionsRouter,
  apiKeys: apiKeysRouter,
  billing: billingRouter,
});

/** The web imports only this type. */
export type AppRouter = typeof appRouter;
