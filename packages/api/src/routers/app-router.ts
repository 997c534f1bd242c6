import { router } from "../trpc";
import { auditRouter } from "./audit";
import { authRouter } from "./auth";
import { communesRouter } from "./communes";
import { invitationsRouter } from "./invitations";
import { catalogRouter } from "./catalog";
import { discussionRouter } from "./discussion";
import { membersRouter } from "./members";
import { notificationsRouter } from "./notifications";
import { useCasesRouter } from "./use-cases";
import { assessmentReviewRouter, assessmentsRouter } from "./assessments";
import { coalitionsRouter } from "./coalitions";
import { frameworksRouter } from "./frameworks";
import { indicatorsRouter } from "./indicators";
import { milestonesRouter } from "./milestones";
import { progressRouter } from "./progress";
import { peerGroupsRouter } from "./peer-groups";
import { modulesRouter } from "./modules";
import { subscriptionsRouter } from "./subscriptions";
import { apiKeysRouter } from "./api-keys";
import { directoryRouter } from "./directory";
import { billingRouter } from "./billing";
import { accountRouter } from "./account";
import { passwordRecoveryRouter } from "./password-recovery";
import { peopleRouter } from "./people";
import { platformAuditRouter } from "./platform-audit";
import { twoStepRouter } from "./two-step";

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
  directory: directoryRouter,
  billing: billingRouter,
  account: accountRouter,
  passwordRecovery: passwordRecoveryRouter,
  people: peopleRouter,
  platformAudit: platformAuditRouter,
  twoStep: twoStepRouter,
});

/** The web imports only this type. */
export type AppRouter = typeof appRouter;
