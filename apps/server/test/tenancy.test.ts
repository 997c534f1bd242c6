import { appRouter } from "@ciar/api/router";
import {
  auditLog,
  coalitionCoordinators,
  coalitionMembers,
  coalitions,
  indicatorValues,
  indicators,
  invitations,
  apiKeys,
  directoryProviders,
  maturityFrameworks,
  memberships,
  modulePlans,
  modules,
  moduleUpstreams,
  subscriptions,
  notifications,
  peerGroups,
  roadmapMilestones,
  selfAssessmentAnswers,
  selfAssessmentEvents,
  selfAssessments,
  useCases,
} from "@ciar/db/schema";
import { applySettings } from "@ciar/db/tenant-transaction";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createTestApp, signIn, type Session, type TestApp } from "./support/test-app";
import { assessmentOf, coalitionIdOf } from "./support/progress-fixtures";
import { useCaseInput } from "./support/use-case-fixtures";
import frameworkV1 from "../../../packages/db/data/maturity-framework-v1.json" with { type: "json" };

/**
 * Every tenant procedure, probed from another commune. When a procedure is added to the router,
 * the completeness test below fails until it is listed here with a valid input.
 */
let t: TestApp;
let serenaAdmin: Session;
let coquimboAdmin: Session;
let serenaEditorId: string;
let serenaInvitationId: string;
/** La Serena's private draft (seeded example) and its published coalition case. */
let serenaPrivateId: string;
let serenaPublishedId: string;
/** Coalition progress: CIAR Chile, La Serena's 2026-Q3 draft and 2026-Q2 validated assessment,
 * and an assessment of another CIAR commune waiting for review. */
let ciarId: string;
let serenaDraftId: string;
let serenaValidatedId: string;
let awaitingReviewId: string;
let ciarCoordinatorId: string;
let frameworkId: string;
/** CIAR Chile's dom_dias_permiso_edificacion indicator and a La Serena milestone. */
let domIndicatorId: string;
let serenaMilestoneId: string;
let reciCoordinator: Session;
let ciarCoordinator: Session;
let platformAdmin: Session;
/** La Serena's published example module and its plan; Coquimbo's subscription to it. */
let serenaModuleId: string;
let serenaPlanId: string;
let coquimboSubscriptionId: string;

type Kind = "query" | "mutation";
const TENANT_PROCEDURES: Record<string, { kind: Kind; input: () => unknown }> = {
  "members.list": { kind: "query", input: () => ({ limit: 10 }) },
  "members.invite": { kind: "mutation", input: () => ({ email: "intruso@example.org", role: "admin" }) },
  "members.updateRole": { kind: "mutation", input: () => ({ userId: serenaEditorId, role: "admin" }) },
  "members.remove": { kind: "mutation", input: () => ({ userId: serenaEditorId }) },
  "members.suspend": { kind: "mutation", input: () => ({ userId: serenaEditorId, reason: "intruso" }) },
  "members.reactivate": { kind: "mutation", input: () => ({ userId: serenaEditorId }) },
  "members.invitations": { kind: "query", input: () => undefined },
  "members.revokeInvitation": { kind: "mutation", input: () => ({ invitationId: serenaInvitationId }) },
  "communes.get": { kind: "query", input: () => undefined },
  "communes.update": { kind: "mutation", input: () => ({ displayName: "Comuna tomada" }) },
  "communes.setTwoStepPolicy": { kind: "mutation", input: () => ({ policy: "everyone" }) },
  "members.resetTwoStep": { kind: "mutation", input: () => ({ userId: serenaEditorId }) },
  "audit.list": { kind: "query", input: () => ({ limit: 10 }) },
  "useCases.mine": { kind: "query", input: () => ({ limit: 10 }) },
  "useCases.get": { kind: "query", input: () => ({ id: serenaPrivateId }) },
  "useCases.lineage": { kind: "query", input: () => ({ id: serenaPrivateId }) },
  "useCases.versions": { kind: "query", input: () => ({ id: serenaPrivateId }) },
  "useCases.compareVersions": { kind: "query", input: () => ({ id: serenaPrivateId, from: 1, to: 1 }) },
  "useCases.create": { kind: "mutation", input: () => useCaseInput({ title: "Caso intruso" }) },
  "useCases.update": {
    kind: "mutation",
    input: () => ({ id: serenaPrivateId, expectedVersion: 1, content: { title: "Caso intruso" } }),
  },
  "useCases.setStage": { kind: "mutation", input: () => ({ id: serenaPrivateId, stage: "production" }) },
  "useCases.submit": { kind: "mutation", input: () => ({ id: serenaPrivateId }) },
  "useCases.review": { kind: "mutation", input: () => ({ id: serenaPrivateId, decision: "approve" }) },
  "useCases.setVisibility": {
    kind: "mutation",
    input: () => ({ id: serenaPrivateId, visibility: "public" }),
  },
  "useCases.adopt": { kind: "mutation", input: () => ({ id: serenaPrivateId }) },
  "useCases.exportPubliccode": { kind: "query", input: () => ({ id: serenaPrivateId }) },
  "useCases.importPubliccode": {
    kind: "mutation",
    input: () => ({ content: "publiccodeYmlVersion: '0.4'\nname: Caso intruso\n" }),
  },
  "catalog.search": { kind: "query", input: () => ({ query: "OIRS" }) },
  "catalog.export": { kind: "query", input: () => ({ format: "json" }) },
  "discussion.list": { kind: "query", input: () => ({ id: serenaPrivateId }) },
  "discussion.post": {
    kind: "mutation",
    input: () => ({ useCaseId: serenaPrivateId, body: "Caso intruso" }),
  },
  "discussion.acceptAnswer": { kind: "mutation", input: () => ({ answerId: serenaPrivateId }) },
  "discussion.endorse": { kind: "mutation", input: () => ({ id: serenaPublishedId }) },
  "discussion.withdrawEndorsement": { kind: "mutation", input: () => ({ id: serenaPublishedId }) },
  "notifications.list": { kind: "query", input: () => ({ limit: 10 }) },
  "notifications.markRead": { kind: "mutation", input: () => ({ ids: "all" }) },
  "coalitions.mine": { kind: "query", input: () => undefined },
  "assessments.list": { kind: "query", input: () => undefined },
  "assessments.get": { kind: "query", input: () => ({ id: serenaDraftId }) },
  "assessments.start": { kind: "mutation", input: () => ({ period: "2026-Q4" }) },
  "assessments.saveAnswers": {
    kind: "mutation",
    input: () => ({ id: serenaDraftId, expectedVersion: 1, answers: [{ questionCode: "EG1", level: 5 }] }),
  },
  "assessments.submit": { kind: "mutation", input: () => ({ id: serenaDraftId, expectedVersion: 1 }) },
  "indicators.catalog": { kind: "query", input: () => undefined },
  "indicators.values": { kind: "query", input: () => ({ indicatorId: domIndicatorId }) },
  "indicators.record": {
    kind: "mutation",
    input: () => ({ indicatorId: domIndicatorId, period: "2026-Q3", value: 1, source: "Valor intruso" }),
  },
  "indicators.removeValue": {
    kind: "mutation",
    input: () => ({ indicatorId: domIndicatorId, period: "2026-Q3" }),
  },
  "milestones.list": { kind: "query", input: () => undefined },
  "milestones.create": { kind: "mutation", input: () => ({ title: "Hito intruso", dueDate: "2027-01-31" }) },
  "milestones.update": {
    kind: "mutation",
    input: () => ({ id: serenaMilestoneId, title: "Hito tomado", status: "cancelled" }),
  },
  "milestones.remove": { kind: "mutation", input: () => ({ id: serenaMilestoneId }) },
  "peerGroups.mine": { kind: "query", input: () => ({ coalitionId: ciarId }) },
  "progress.myComparison": { kind: "query", input: () => ({ coalitionId: ciarId, group: "coalition" }) },
  "progress.myIndicatorComparison": {
    kind: "query",
    input: () => ({ coalitionId: ciarId, indicatorId: domIndicatorId, group: "coalition" }),
  },
  "modules.create": {
    kind: "mutation",
    input: () => ({
      useCaseId: serenaPrivateId,
      slug: "modulo-intruso",
      name: "Módulo intruso",
      description: "Un módulo creado por un intruso.",
      usageUnit: "consulta",
      upstreamUrl: "https://intruso.example",
    }),
  },
  "modules.update": { kind: "mutation", input: () => ({ id: serenaModuleId, name: "Módulo tomado" }) },
  "modules.setUpstream": {
    kind: "mutation",
    input: () => ({ id: serenaModuleId, upstreamUrl: "https://intruso.example" }),
  },
  "modules.addPlan": {
    kind: "mutation",
    input: () => ({
      moduleId: serenaModuleId,
      name: "Gratis",
      interval: "month",
      priceClp: 0,
      includedUnits: 100_000,
    }),
  },
  "modules.updatePlan": { kind: "mutation", input: () => ({ id: serenaPlanId, priceClp: 0 }) },
  "modules.archivePlan": { kind: "mutation", input: () => ({ id: serenaPlanId }) },
  "modules.publish": { kind: "mutation", input: () => ({ id: serenaModuleId }) },
  "modules.retire": { kind: "mutation", input: () => ({ id: serenaModuleId }) },
  "modules.rotateSigningSecret": { kind: "mutation", input: () => ({ id: serenaModuleId }) },
  "modules.mine": { kind: "query", input: () => undefined },
  "modules.subscribers": { kind: "query", input: () => ({ moduleId: serenaModuleId }) },
  "modules.providerReport": { kind: "query", input: () => ({ moduleId: serenaModuleId }) },
  "subscriptions.subscribePurchaseOrder": {
    kind: "mutation",
    input: () => ({
      moduleId: serenaModuleId,
      planId: serenaPlanId,
      purchaseOrderNumber: "9999-99-SE26",
      billing: {
        rut: "12.345.678-5",
        name: "Comuna intrusa",
        address: "Calle intrusa 1",
        email: "intruso@example.org",
      },
    }),
  },
  "subscriptions.withdraw": { kind: "mutation", input: () => ({ id: coquimboSubscriptionId }) },
  "subscriptions.requestRenewal": {
    kind: "mutation",
    input: () => ({ subscriptionId: coquimboSubscriptionId, purchaseOrderNumber: "6666-66-SE99" }),
  },
  "billing.subscribe": {
    kind: "mutation",
    input: () => ({
      moduleId: serenaModuleId,
      planId: serenaPlanId,
      method: "stripe_checkout",
      billing: {
        rut: "12.345.678-5",
        name: "Comuna intrusa",
        address: "Calle intrusa 1",
        email: "intruso@example.org",
      },
    }),
  },
  "billing.changePlan": {
    kind: "mutation",
    input: () => ({ subscriptionId: coquimboSubscriptionId, planId: serenaPlanId }),
  },
  "billing.cancel": { kind: "mutation", input: () => ({ subscriptionId: coquimboSubscriptionId }) },
  "billing.portal": { kind: "mutation", input: () => undefined },
  "subscriptions.mine": { kind: "query", input: () => undefined },
  "subscriptions.usage": { kind: "query", input: () => ({ subscriptionId: coquimboSubscriptionId }) },
  "subscriptions.invoices": { kind: "query", input: () => ({}) },
  "apiKeys.create": {
    kind: "mutation",
    input: () => ({ name: "Clave intrusa", moduleIds: [serenaModuleId] }),
  },
  "apiKeys.list": { kind: "query", input: () => undefined },
  "apiKeys.revoke": { kind: "mutation", input: () => ({ id: "00000000-0000-4000-8000-000000000000" }) },
  "directory.get": { kind: "query", input: () => undefined },
  "directory.save": {
    kind: "mutation",
    input: () => ({
      kind: "keycloak",
      issuerUrl: "https://directorio-intruso.example",
      clientId: "intruso",
      clientSecret: "intruso",
      allowedDomains: ["intruso.example"],
      defaultRole: "admin",
      enabled: true,
      passwordSignInDisabled: true,
    }),
  },
  "directory.test": { kind: "mutation", input: () => ({ issuerUrl: "https://directorio-intruso.example" }) },
};

/** Procedures behind the coordinator door: probed by a coordinator of another coalition. */
const COORDINATOR_PROCEDURES: Record<string, { kind: Kind; input: () => unknown }> = {
  "coalitions.get": { kind: "query", input: () => ({ coalitionId: ciarId }) },
  "coalitions.setSharing": { kind: "mutation", input: () => ({ coalitionId: ciarId, shareResults: true }) },
  "assessmentReview.list": { kind: "query", input: () => ({ coalitionId: ciarId, status: "validated" }) },
  "assessmentReview.get": {
    kind: "query",
    input: () => ({ coalitionId: ciarId, assessmentId: serenaValidatedId }),
  },
  "assessmentReview.return": {
    kind: "mutation",
    input: () => ({ coalitionId: ciarId, assessmentId: awaitingReviewId, comment: "Devuelta por intruso" }),
  },
  "assessmentReview.validate": {
    kind: "mutation",
    input: () => ({ coalitionId: ciarId, assessmentId: awaitingReviewId }),
  },
  "indicators.list": { kind: "query", input: () => ({ coalitionId: ciarId }) },
  "progress.overview": { kind: "query", input: () => ({ coalitionId: ciarId }) },
  "progress.communeProfile": {
    kind: "query",
    input: () => ({ coalitionId: ciarId, communeId: t.communeId.laSerena }),
  },
  "progress.pairing": {
    kind: "query",
    input: () => ({ coalitionId: ciarId, communeId: t.communeId.laSerena }),
  },
  "progress.indicatorTrend": {
    kind: "query",
    input: () => ({ coalitionId: ciarId, indicatorId: domIndicatorId }),
  },
  "progress.exportCsv": { kind: "query", input: () => ({ coalitionId: ciarId, table: "overview" }) },
  "peerGroups.list": { kind: "query", input: () => ({ coalitionId: ciarId }) },
  "peerGroups.create": {
    kind: "mutation",
    input: () => ({ coalitionId: ciarId, name: "Grupo intruso", communeIds: [t.communeId.laSerena] }),
  },
  "peerGroups.update": {
    kind: "mutation",
    input: () => ({
      coalitionId: ciarId,
      groupId: "00000000-0000-4000-8000-000000000000",
      name: "Grupo intruso",
    }),
  },
  "peerGroups.remove": {
    kind: "mutation",
    input: () => ({ coalitionId: ciarId, groupId: "00000000-0000-4000-8000-000000000000" }),
  },
  "indicators.define": {
    kind: "mutation",
    input: () => ({
      coalitionId: ciarId,
      code: "dom_dias_permiso_edificacion",
      nameEs: "Tomado",
      nameEn: "Taken",
      unit: "%",
      direction: "higher_is_better",
      definitionEs: "Indicador tomado.",
      definitionEn: "Taken indicator.",
    }),
  },
};

/** Platform administration: probed by a commune admin and by a coordinator. */
const PLATFORM_PROCEDURES: Record<string, { kind: Kind; input: () => unknown }> = {
  "coalitions.list": { kind: "query", input: () => undefined },
  "coalitions.detail": { kind: "query", input: () => ({ coalitionId: ciarId }) },
  "coalitions.create": { kind: "mutation", input: () => ({ slug: "intrusa", name: "Coalición intrusa" }) },
  "people.list": { kind: "query", input: () => ({ limit: 10 }) },
  "people.detail": { kind: "query", input: () => ({ userId: serenaEditorId }) },
  "people.lock": { kind: "mutation", input: () => ({ userId: serenaEditorId, reason: "intruso" }) },
  "people.unlock": { kind: "mutation", input: () => ({ userId: serenaEditorId }) },
  "platformAudit.list": { kind: "query", input: () => ({ limit: 10 }) },
  "coalitions.update": { kind: "mutation", input: () => ({ coalitionId: ciarId, name: "Coalición tomada" }) },
  "coalitions.addMember": { kind: "mutation", input: () => ({ coalitionId: ciarId, communeCode: "05101" }) },
  "coalitions.removeMember": {
    kind: "mutation",
    input: () => ({ coalitionId: ciarId, communeId: t.communeId.laSerena }),
  },
  "coalitions.addCoordinator": {
    kind: "mutation",
    input: () => ({ coalitionId: ciarId, email: "admin@coquimbo.example" }),
  },
  "coalitions.removeCoordinator": {
    kind: "mutation",
    input: () => ({ coalitionId: ciarId, userId: ciarCoordinatorId }),
  },
  "frameworks.createVersion": {
    kind: "mutation",
    input: () => ({ definition: { ...frameworkV1, version: 2 } }),
  },
  "subscriptions.pendingPurchaseOrders": { kind: "query", input: () => undefined },
  "subscriptions.activePurchaseOrders": { kind: "query", input: () => undefined },
  "subscriptions.activate": { kind: "mutation", input: () => ({ subscriptionId: coquimboSubscriptionId }) },
  "subscriptions.activateRenewal": {
    kind: "mutation",
    input: () => ({ subscriptionId: coquimboSubscriptionId }),
  },
  "subscriptions.end": { kind: "mutation", input: () => ({ subscriptionId: coquimboSubscriptionId }) },
  "subscriptions.closeMonth": { kind: "mutation", input: () => ({ month: "2026-01" }) },
};

/** Reference data for any signed-in user (the maturity framework). */
const AUTHED_PROCEDURES: Record<string, { kind: Kind; input: () => unknown }> = {
  "frameworks.current": { kind: "query", input: () => undefined },
  "billing.status": { kind: "query", input: () => undefined },
  "frameworks.list": { kind: "query", input: () => undefined },
  "frameworks.get": { kind: "query", input: () => ({ id: frameworkId }) },
  "modules.catalog": { kind: "query", input: () => ({ limit: 10 }) },
  "modules.get": { kind: "query", input: () => ({ slug: "dom-revision-permisos" }) },
  // One's own account only: no commune, no other person's data.
  "auth.changePassword": {
    kind: "mutation",
    input: () => ({ currentPassword: "not-the-password", newPassword: "Tortuga-Volcán-Lápiz-91" }),
  },
  // Mi cuenta: the directories the caller signed in with (app.user_id only).
  "directory.mine": { kind: "query", input: () => undefined },
  // Mi cuenta: the caller's own sessions, profile and preferences (app.user_id only).
  "account.sessions": { kind: "query", input: () => undefined },
  "account.endSession": {
    kind: "mutation",
    input: () => ({ sessionId: "00000000-0000-4000-8000-000000000000" }),
  },
  "account.endOtherSessions": { kind: "mutation", input: () => undefined },
  "account.updateProfile": { kind: "mutation", input: () => ({ name: "Nombre", locale: "es" }) },
  "account.notificationPreferences": { kind: "query", input: () => undefined },
  "account.setNotificationPreferences": {
    kind: "mutation",
    input: () => ({ preferences: [{ category: "discussion", delivery: "off" }] }),
  },
  "twoStep.status": { kind: "query", input: () => undefined },
  "twoStep.startTotp": { kind: "mutation", input: () => undefined },
  "twoStep.confirmTotp": { kind: "mutation", input: () => ({ code: "123456" }) },
  "twoStep.disableTotp": { kind: "mutation", input: () => ({ password: "not-the-password" }) },
  "twoStep.regenerateRecoveryCodes": { kind: "mutation", input: () => ({ password: "not-the-password" }) },
  "twoStep.passkeyOptions": { kind: "mutation", input: () => undefined },
  "twoStep.addPasskey": {
    kind: "mutation",
    input: () => ({ challengeToken: "A".repeat(43), name: "Llave", passkey: { id: "x" } }),
  },
  "twoStep.removePasskey": {
    kind: "mutation",
    input: () => ({ id: "00000000-0000-4000-8000-000000000000" }),
  },
};
const PUBLIC_PROCEDURES = [
  "auth.login",
  "auth.refresh",
  "auth.logout",
  "auth.me",
  "invitations.preview",
  "invitations.accept",
  "directory.discover",
  "passwordRecovery.request",
  "passwordRecovery.reset",
  "auth.completeTwoStep",
  "auth.twoStepPasskeyOptions",
  "auth.passkeyOptions",
  "auth.passkeySignIn",
];

beforeAll(async () => {
  t = await createTestApp();
  serenaAdmin = await signIn(t, "admin@laserena.example");
  coquimboAdmin = await signIn(t, "admin@coquimbo.example");
  serenaEditorId = await t.userId("editor@laserena.example");
  const invite = await call<{ invitation: { id: string } }>(
    t,
    "mutation",
    "members.invite",
    { email: "pendiente@laserena.example", role: "viewer" },
    { token: serenaAdmin.token, commune: t.communeId.laSerena },
  );
  serenaInvitationId = invite.data.invitation.id;
  const own = await call<{ items: { id: string; visibility: string; status: string }[] }>(
    t,
    "query",
    "useCases.mine",
    { limit: 50 },
    { token: serenaAdmin.token, commune: t.communeId.laSerena },
  );
  serenaPrivateId = own.data.items.find((u) => u.visibility === "private")!.id;
  serenaPublishedId = own.data.items.find((u) => u.status === "published")!.id;
  ciarId = await coalitionIdOf(t, "ciar-chile");
  serenaDraftId = (await assessmentOf(t, "04101", "2026-Q3")).id;
  serenaValidatedId = (await assessmentOf(t, "04101", "2026-Q2")).id;
  awaitingReviewId = (await assessmentOf(t, "13114", "2026-Q3")).id;
  ciarCoordinatorId = await t.userId("coordinacion@ciar.example");
  domIndicatorId = (
    await t.db.owner.db
      .select({ id: indicators.id })
      .from(indicators)
      .where(and(eq(indicators.coalitionId, ciarId), eq(indicators.code, "dom_dias_permiso_edificacion")))
  )[0]!.id;
  serenaMilestoneId = (
    await call<{ id: string }[]>(t, "query", "milestones.list", undefined, {
      token: serenaAdmin.token,
      commune: t.communeId.laSerena,
    })
  ).data[0]!.id;
  frameworkId = (await t.db.owner.db.select({ id: maturityFrameworks.id }).from(maturityFrameworks))[0]!.id;
  ciarCoordinator = await signIn(t, "coordinacion@ciar.example");
  reciCoordinator = await signIn(t, "coordinacion@reci.example");
  platformAdmin = await signIn(t, "plataforma@ciar.example");
  const dom = await call<{ id: string; plans: { id: string }[] }>(
    t,
    "query",
    "modules.get",
    { slug: "dom-revision-permisos" },
    { token: serenaAdmin.token },
  );
  serenaModuleId = dom.data.id;
  serenaPlanId = dom.data.plans[0]!.id;
  coquimboSubscriptionId = (
    await call<{ id: string }[]>(t, "query", "subscriptions.mine", undefined, {
      token: coquimboAdmin.token,
      commune: t.communeId.coquimbo,
    })
  ).data[0]!.id;
});
afterAll(() => t?.close());

/** What La Serena's data looks like from the owner's side, to prove nothing changed. */
async function serenaSnapshot() {
  const db = t.db.owner.db;
  return db.transaction(async (tx) => {
    await applySettings(tx, { communeId: t.communeId.laSerena });
    return {
      members: await tx
        .select()
        .from(memberships)
        .where(eq(memberships.communeId, t.communeId.laSerena))
        .orderBy(memberships.userId),
      invitations: await tx
        .select()
        .from(invitations)
        .where(eq(invitations.communeId, t.communeId.laSerena))
        .orderBy(invitations.id),
      audit: (await tx.select().from(auditLog).where(eq(auditLog.communeId, t.communeId.laSerena))).length,
      useCases: await tx
        .select()
        .from(useCases)
        .where(eq(useCases.communeId, t.communeId.laSerena))
        .orderBy(useCases.id),
      notifications: (
        await tx.select().from(notifications).where(eq(notifications.communeId, t.communeId.laSerena))
      ).length,
      assessments: await tx
        .select()
        .from(selfAssessments)
        .where(eq(selfAssessments.communeId, t.communeId.laSerena))
        .orderBy(selfAssessments.period),
      answers: await tx
        .select()
        .from(selfAssessmentAnswers)
        .where(eq(selfAssessmentAnswers.communeId, t.communeId.laSerena))
        .orderBy(selfAssessmentAnswers.assessmentId, selfAssessmentAnswers.questionCode),
      events: (
        await tx
          .select()
          .from(selfAssessmentEvents)
          .where(eq(selfAssessmentEvents.communeId, t.communeId.laSerena))
      ).length,
      indicatorValues: await tx
        .select()
        .from(indicatorValues)
        .where(eq(indicatorValues.communeId, t.communeId.laSerena))
        .orderBy(indicatorValues.indicatorId, indicatorValues.period),
      milestones: await tx
        .select()
        .from(roadmapMilestones)
        .where(eq(roadmapMilestones.communeId, t.communeId.laSerena))
        .orderBy(roadmapMilestones.id),
      modules: await tx
        .select()
        .from(modules)
        .where(eq(modules.communeId, t.communeId.laSerena))
        .orderBy(modules.id),
      modulePlans: await tx
        .select()
        .from(modulePlans)
        .where(eq(modulePlans.communeId, t.communeId.laSerena))
        .orderBy(modulePlans.id),
      moduleUpstreams: await tx
        .select()
        .from(moduleUpstreams)
        .where(eq(moduleUpstreams.communeId, t.communeId.laSerena))
        .orderBy(moduleUpstreams.moduleId),
      // Its own and, as the provider, its subscribers' (Coquimbo's).
      subscriptions: await tx.select().from(subscriptions).orderBy(subscriptions.id),
      apiKeys: await tx
        .select()
        .from(apiKeys)
        .where(eq(apiKeys.communeId, t.communeId.laSerena))
        .orderBy(apiKeys.id),
      directory: await tx
        .select()
        .from(directoryProviders)
        .where(eq(directoryProviders.communeId, t.communeId.laSerena)),
    };
  });
}

/** CIAR Chile's own state (coalition tables are not FORCE RLS: the owner reads them as they are). */
async function ciarSnapshot() {
  const db = t.db.owner.db;
  return {
    coalitions: await db.select().from(coalitions).orderBy(coalitions.slug),
    members: await db
      .select()
      .from(coalitionMembers)
      .orderBy(coalitionMembers.coalitionId, coalitionMembers.communeId),
    coordinators: await db
      .select()
      .from(coalitionCoordinators)
      .orderBy(coalitionCoordinators.coalitionId, coalitionCoordinators.userId),
    frameworks: (await db.select({ id: maturityFrameworks.id }).from(maturityFrameworks)).length,
    indicators: await db.select().from(indicators).orderBy(indicators.id),
    awaitingReview: await assessmentOf(t, "13114", "2026-Q3"),
    peerGroups: await db.transaction(async (tx) => {
      await applySettings(tx, { userId: ciarCoordinatorId });
      return (await tx.select().from(peerGroups)).length;
    }),
  };
}

describe("the tenant door", () => {
  it("lists every procedure of the router in this file", () => {
    const all = Object.keys(appRouter._def.procedures).sort();
    expect(all).toEqual(
      [
        ...Object.keys(TENANT_PROCEDURES),
        ...Object.keys(COORDINATOR_PROCEDURES),
        ...Object.keys(PLATFORM_PROCEDURES),
        ...Object.keys(AUTHED_PROCEDURES),
        ...PUBLIC_PROCEDURES,
      ].sort(),
    );
  });

  it.each(Object.entries(TENANT_PROCEDURES))(
    "%s: another commune's admin gets FORBIDDEN and changes nothing",
    async (path, p) => {
      const before = await serenaSnapshot();
      const result = await call(t, p.kind, path, p.input(), {
        token: coquimboAdmin.token,
        commune: t.communeId.laSerena,
      });
      expect(result.status).toBe(403);
      expect(result.error?.data.appCode).toBe("tenant.forbidden");
      expect(result.body).not.toMatch(/Comuna tomada|editor@laserena|pendiente@|OIRS/);
      expect(await serenaSnapshot()).toEqual(before);
    },
  );

  it.each(Object.entries(TENANT_PROCEDURES))("%s: without a token gets UNAUTHORIZED", async (path, p) => {
    const result = await call(t, p.kind, path, p.input(), { commune: t.communeId.laSerena });
    expect(result.status).toBe(401);
  });

  it("asks for the commune when the header is missing, and refuses a malformed or unknown one", async () => {
    const missing = await call(t, "query", "communes.get", undefined, { token: serenaAdmin.token });
    expect(missing.status).toBe(400);
    expect(missing.error?.data.appCode).toBe("tenant.missing");
    for (const commune of [
      "not-a-uuid",
      "' or 1=1 --",
      "00000000-0000-4000-8000-000000000000",
      t.communeId.maipu,
    ]) {
      const result = await call(t, "query", "communes.get", undefined, { token: serenaAdmin.token, commune });
      expect(result.status).toBe(403);
    }
  });
});

describe("the coordinator door", () => {
  it.each(Object.entries(COORDINATOR_PROCEDURES))(
    "%s: a coordinator of another coalition gets FORBIDDEN and changes nothing",
    async (path, p) => {
      const before = { serena: await serenaSnapshot(), ciar: await ciarSnapshot() };
      const result = await call(t, p.kind, path, p.input(), { token: reciCoordinator.token });
      expect(result.status).toBe(403);
      expect(result.error?.data.appCode).toBe("coalitions.forbidden");
      expect(result.body).not.toMatch(/La Serena|Las Condes|laserena/);
      expect({ serena: await serenaSnapshot(), ciar: await ciarSnapshot() }).toEqual(before);
    },
  );

  it.each(Object.entries(COORDINATOR_PROCEDURES))(
    "%s: a commune admin (even with the commune header) is not a coordinator",
    async (path, p) => {
      const result = await call(t, p.kind, path, p.input(), {
        token: serenaAdmin.token,
        commune: t.communeId.laSerena,
      });
      expect(result.status).toBe(403);
    },
  );

  it.each(Object.entries(COORDINATOR_PROCEDURES))(
    "%s: without a token gets UNAUTHORIZED",
    async (path, p) => {
      const result = await call(t, p.kind, path, p.input());
      expect(result.status).toBe(401);
    },
  );

  it("never hands a draft to the coalition's own coordinator", async () => {
    const result = await call(
      t,
      "query",
      "assessmentReview.get",
      { coalitionId: ciarId, assessmentId: serenaDraftId },
      { token: ciarCoordinator.token },
    );
    expect(result.status).toBe(404);
    for (const status of ["submitted", "returned", "validated"]) {
      const list = await call<{ id: string }[]>(
        t,
        "query",
        "assessmentReview.list",
        { coalitionId: ciarId, status },
        { token: ciarCoordinator.token },
      );
      expect(list.data.map((a) => a.id)).not.toContain(serenaDraftId);
    }
  });
});

describe("La Serena's 2026-Q3 draft", () => {
  it("appears in no answer of any query or export to a coordinator or another commune", async () => {
    const coquimbo = { token: coquimboAdmin.token, commune: t.communeId.coquimbo };
    const readers = [{ token: ciarCoordinator.token }, { token: reciCoordinator.token }, coquimbo];
    const queries = Object.entries({ ...TENANT_PROCEDURES, ...COORDINATOR_PROCEDURES }).filter(
      ([, p]) => p.kind === "query",
    );
    const exports = ["overview", "heatmap", "milestones", "useCases"].map((table) => ({
      coalitionId: ciarId,
      table,
      period: "2026-Q3",
    }));
    for (const options of readers) {
      for (const [path, p] of queries) {
        const result = await call(t, "query", path, p.input(), options);
        expect(result.body, path).not.toContain(serenaDraftId);
      }
      for (const input of exports) {
        const result = await call<{ csv: string }>(t, "query", "progress.exportCsv", input, options);
        expect(result.body).not.toContain(serenaDraftId);
      }
    }
    // The coordinator's overview of 2026-Q3 lists La Serena without a result while it is a draft.
    const overview = await call<{ communes: { id: string; maturityIndex: number | null }[] }>(
      t,
      "query",
      "progress.overview",
      { coalitionId: ciarId, period: "2026-Q3" },
      { token: ciarCoordinator.token },
    );
    expect(overview.data.communes.find((c) => c.id === t.communeId.laSerena)?.maturityIndex).toBeNull();
  });
});

describe("the platform door", () => {
  it.each(Object.entries(PLATFORM_PROCEDURES))(
    "%s: a commune admin and a coordinator get FORBIDDEN and change nothing",
    async (path, p) => {
      const before = { serena: await serenaSnapshot(), ciar: await ciarSnapshot() };
      for (const options of [
        { token: serenaAdmin.token, commune: t.communeId.laSerena },
        { token: ciarCoordinator.token },
      ]) {
        const result = await call(t, p.kind, path, p.input(), options);
        expect(result.status).toBe(403);
        expect(result.error?.data.appCode).toBe("platform.forbidden");
      }
      expect({ serena: await serenaSnapshot(), ciar: await ciarSnapshot() }).toEqual(before);
    },
  );

  it.each(Object.entries({ ...PLATFORM_PROCEDURES, ...AUTHED_PROCEDURES }))(
    "%s: without a token gets UNAUTHORIZED",
    async (path, p) => {
      const result = await call(t, p.kind, path, p.input());
      expect(result.status).toBe(401);
    },
  );
});

describe("another commune's record ids, through one's own commune", () => {
  const asCoquimbo = () => ({ token: coquimboAdmin.token, commune: t.communeId.coquimbo });

  it("cannot change or remove a La Serena member by id", async () => {
    const before = await serenaSnapshot();
    const update = await call(
      t,
      "mutation",
      "members.updateRole",
      { userId: serenaEditorId, role: "viewer" },
      asCoquimbo(),
    );
    expect(update.status).toBe(404);
    expect(update.error?.data.appCode).toBe("members.not_found");
    const remove = await call(t, "mutation", "members.remove", { userId: serenaEditorId }, asCoquimbo());
    expect(remove.status).toBe(404);
    for (const path of ["members.suspend", "members.reactivate"]) {
      const result = await call(t, "mutation", path, { userId: serenaEditorId }, asCoquimbo());
      expect(result.error?.data.appCode, path).toBe("members.not_found");
    }
    expect(await serenaSnapshot()).toEqual(before);
  });

  it("cannot revoke a La Serena invitation by id", async () => {
    const result = await call(
      t,
      "mutation",
      "members.revokeInvitation",
      { invitationId: serenaInvitationId },
      asCoquimbo(),
    );
    expect(result.status).toBe(404);
    const [row] = await t.db.owner.db.transaction(async (tx) => {
      await applySettings(tx, { communeId: t.communeId.laSerena });
      return tx.select().from(invitations).where(eq(invitations.id, serenaInvitationId));
    });
    expect(row?.revokedAt).toBeNull();
  });

  it("cannot read, change, adopt, discuss or export another commune's private use case by id", async () => {
    const before = await serenaSnapshot();
    const probes: Array<[Kind, string, unknown]> = [
      ["query", "useCases.get", { id: serenaPrivateId }],
      ["query", "useCases.lineage", { id: serenaPrivateId }],
      ["query", "useCases.exportPubliccode", { id: serenaPrivateId }],
      ["query", "discussion.list", { id: serenaPrivateId }],
      [
        "mutation",
        "useCases.update",
        { id: serenaPrivateId, expectedVersion: 1, content: { title: "Tomado por Coquimbo" } },
      ],
      ["mutation", "useCases.setStage", { id: serenaPrivateId, stage: "pilot" }],
      ["mutation", "useCases.submit", { id: serenaPrivateId }],
      ["mutation", "useCases.review", { id: serenaPrivateId, decision: "approve" }],
      ["mutation", "useCases.setVisibility", { id: serenaPrivateId, visibility: "public" }],
      ["mutation", "useCases.adopt", { id: serenaPrivateId }],
      ["mutation", "discussion.post", { useCaseId: serenaPrivateId, body: "Hola" }],
      ["mutation", "discussion.endorse", { id: serenaPrivateId }],
      // Published, but owned by La Serena: Coquimbo may read it, not change it.
      [
        "mutation",
        "useCases.update",
        { id: serenaPublishedId, expectedVersion: 1, content: { title: "Tomado por Coquimbo" } },
      ],
      ["mutation", "useCases.setVisibility", { id: serenaPublishedId, visibility: "private" }],
      ["mutation", "useCases.setStage", { id: serenaPublishedId, stage: "retired" }],
    ];
    for (const [kind, path, input] of probes) {
      const result = await call(t, kind, path, input, asCoquimbo());
      expect(result.status, path).toBe(404);
      expect(result.body).not.toMatch(/OIRS/);
    }
    const versions = await call<unknown[]>(
      t,
      "query",
      "useCases.versions",
      { id: serenaPublishedId },
      asCoquimbo(),
    );
    expect(versions.data).toEqual([]);
    expect(await serenaSnapshot()).toEqual(before);
  });

  it("never counts, lists or exports another commune's private use case", async () => {
    const found = await call<{
      items: { id: string }[];
      total: number;
      facets: { serviceArea: Record<string, number> };
    }>(t, "query", "catalog.search", { query: "OIRS solicitudes" }, asCoquimbo());
    expect(found.data.items.map((i) => i.id)).not.toContain(serenaPrivateId);
    expect(found.data.total).toBe(0);
    expect(found.data.facets.serviceArea).toEqual({});
    const everything = await call<{ items: { id: string }[]; total: number }>(
      t,
      "query",
      "catalog.search",
      { limit: 100 },
      asCoquimbo(),
    );
    expect(everything.data.items.map((i) => i.id)).not.toContain(serenaPrivateId);
    expect(everything.data.items.map((i) => i.id)).toContain(serenaPublishedId);
    for (const format of ["csv", "json"]) {
      const exported = await call<{ content: string }>(
        t,
        "query",
        "catalog.export",
        { format },
        asCoquimbo(),
      );
      expect(exported.data.content).not.toContain(serenaPrivateId);
      expect(exported.data.content).toContain(serenaPublishedId);
    }
    // La Serena itself does see it.
    const own = await call<{ total: number }>(
      t,
      "query",
      "catalog.search",
      { query: "OIRS solicitudes" },
      { token: serenaAdmin.token, commune: t.communeId.laSerena },
    );
    expect(own.data.total).toBe(1);
  });

  it("sees only its own members, invitations and audit events", async () => {
    const list = await call<{ items: { email: string }[] }>(
      t,
      "query",
      "members.list",
      { limit: 100 },
      asCoquimbo(),
    );
    expect(list.data.items.map((m) => m.email)).not.toContain("admin@laserena.example");
    expect(list.data.items.map((m) => m.email)).toContain("admin@coquimbo.example");
    const pending = await call<{ email: string }[]>(
      t,
      "query",
      "members.invitations",
      undefined,
      asCoquimbo(),
    );
    expect(pending.data.map((i) => i.email)).not.toContain("pendiente@laserena.example");
    const audit = await call<{ items: { action: string; entityId: string }[] }>(
      t,
      "query",
      "audit.list",
      { limit: 100 },
      asCoquimbo(),
    );
    expect(audit.data.items.map((e) => e.entityId)).not.toContain(serenaInvitationId);
  });
});

describe("interleaved requests of two communes", () => {
  it("never see each other's rows, whatever connection serves them", async () => {
    // Through PgBouncer in transaction mode with a pool of one server connection (CI), every one
    // of these transactions runs on the same PostgreSQL session, one after another.
    const calls = Array.from({ length: 40 }, (_, i) => {
      const mine =
        i % 2 === 0
          ? {
              session: serenaAdmin,
              commune: t.communeId.laSerena,
              email: "admin@laserena.example",
              other: "admin@coquimbo.example",
            }
          : {
              session: coquimboAdmin,
              commune: t.communeId.coquimbo,
              email: "admin@coquimbo.example",
              other: "admin@laserena.example",
            };
      return call<{ items: { email: string }[] }>(
        t,
        "query",
        "members.list",
        { limit: 100 },
        { token: mine.session.token, commune: mine.commune },
      ).then((r) => ({ r, mine }));
    });
    for (const { r, mine } of await Promise.all(calls)) {
      const emails = r.data.items.map((m) => m.email);
      expect(emails).toContain(mine.email);
      expect(emails).not.toContain(mine.other);
    }
  });
});

describe("hostile input", () => {
  const hostile: unknown[] = [
    null,
    42,
    "string",
    [],
    { limit: -1 },
    { limit: 1e9 },
    { limit: 10, search: "x".repeat(10_000) },
    { limit: 10, cursor: "'; drop table memberships; --" },
    { limit: 10, search: "%' or 1=1 --" },
    { email: { $ne: null }, role: "admin" },
    { userId: "../../etc/passwd", role: "owner" },
    { displayName: "<script>alert(1)</script>".repeat(20), websiteUrl: "javascript:alert(1)" },
  ];

  it.each(Object.keys(TENANT_PROCEDURES))("%s never answers 5xx nor leaks SQL or stacks", async (path) => {
    const p = TENANT_PROCEDURES[path]!;
    for (const input of hostile) {
      const result = await call(t, p.kind, path, input, {
        token: serenaAdmin.token,
        commune: t.communeId.laSerena,
      });
      expect(result.status, `${path} ${JSON.stringify(input)}`).toBeLessThan(500);
      expect(result.body).not.toMatch(/select |insert into|update "|drizzle|postgres|at .*\.ts:\d+|stack/i);
    }
  });

  it.each([
    ...Object.keys(COORDINATOR_PROCEDURES).map((path) => [path, "coordinator"] as const),
    ...Object.keys(PLATFORM_PROCEDURES).map((path) => [path, "platform"] as const),
    ...Object.keys(AUTHED_PROCEDURES).map((path) => [path, "coordinator"] as const),
  ])("%s (as %s) never answers 5xx nor leaks SQL or stacks", async (path, who) => {
    const p = { ...COORDINATOR_PROCEDURES, ...PLATFORM_PROCEDURES, ...AUTHED_PROCEDURES }[path]!;
    const token = who === "platform" ? platformAdmin.token : ciarCoordinator.token;
    const withCoalition = hostile.map((input) =>
      input && typeof input === "object" && !Array.isArray(input) ? { coalitionId: ciarId, ...input } : input,
    );
    for (const input of [...hostile, ...withCoalition, { coalitionId: "'; drop table coalitions; --" }]) {
      const result = await call(t, p.kind, path, input, { token });
      expect(result.status, `${path} ${JSON.stringify(input)}`).toBeLessThan(500);
      expect(result.body).not.toMatch(/select |insert into|update "|drizzle|postgres|at .*\.ts:\d+|stack/i);
    }
  });

  it("rejects unparseable bodies and unknown procedures without a 5xx", async () => {
    const garbage = await t.app.inject({
      method: "POST",
      url: "/trpc/members.invite",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${serenaAdmin.token}`,
        "x-commune-id": t.communeId.laSerena,
      },
      payload: "{not json",
    });
    expect(garbage.statusCode).toBeLessThan(500);
    const unknown = await t.app.inject({ method: "GET", url: "/trpc/members.dropAll" });
    expect(unknown.statusCode).toBe(404);
  });
});
