import { appRouter } from "@ciar/api/router";
import { auditLog, coalitions, indicators, modulePlans, usageRecords } from "@ciar/db/schema";
import { applySettings } from "@ciar/db/tenant-transaction";
import { AUDIT_ACTIONS, type AuditAction } from "@ciar/domain/audit-actions";
import { and, count, eq } from "drizzle-orm";
import { generate } from "otplib";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeStripe, type FakeStripe } from "../../../packages/billing/test/fake-stripe";
import frameworkV1 from "../../../packages/db/data/maturity-framework-v1.json" with { type: "json" };
import { DEMO_DIRECTORY_PASSWORD } from "../src/dev-identity-provider/accounts";
import { startDevIdentityProvider, type DevIdentityProvider } from "../src/dev-identity-provider/provider";
import { directoryCallback, throughProvider } from "./support/directory-flow";
import { coalitionIdOf, communeIdOf } from "./support/progress-fixtures";
import { subscribeWithCheckout } from "./support/stripe-fixtures";
import {
  call,
  createTestApp,
  signIn,
  type CallOptions,
  type CallResult,
  type Session,
} from "./support/test-app";
import type { TestApp } from "./support/test-app";
import { useCaseInput } from "./support/use-case-fixtures";

/**
 * Every mutation of the router writes its audit event. AUDITED says which event(s) each mutation
 * writes, NOT_AUDITED why the others write none; a mutation added to the router in neither fails,
 * and so does an action of @ciar/domain/audit-actions that no mutation (nor the webhook) writes.
 * Then one scenario calls every audited mutation with a valid input, as the role that may, and
 * checks that exactly one event of each expected action appeared in the expected commune's log.
 */
const AUDITED: Record<string, readonly AuditAction[]> = {
  "invitations.accept": ["invitation.accepted"],
  "members.invite": ["invitation.created"],
  "members.revokeInvitation": ["invitation.revoked"],
  "members.updateRole": ["member.role_changed"],
  "members.remove": ["member.removed"],
  "members.suspend": ["member.suspended"],
  "members.reactivate": ["member.reactivated"],
  "communes.update": ["commune.updated"],
  "useCases.create": ["use_case.created"],
  "useCases.importPubliccode": ["use_case.created"],
  "useCases.update": ["use_case.updated"],
  "useCases.setStage": ["use_case.stage_changed", "use_case.retired"],
  "useCases.submit": ["use_case.submitted"],
  "useCases.review": ["use_case.published", "use_case.rejected"],
  "useCases.setVisibility": ["use_case.visibility_changed"],
  "useCases.adopt": ["use_case.adopted"],
  "discussion.post": ["discussion.posted"],
  "discussion.acceptAnswer": ["discussion.answer_accepted"],
  "discussion.endorse": ["use_case.endorsed"],
  "discussion.withdrawEndorsement": ["use_case.endorsement_withdrawn"],
  "assessments.start": ["assessment.created"],
  "assessments.submit": ["assessment.submitted", "assessment.resubmitted"],
  "assessmentReview.return": ["assessment.returned"],
  "assessmentReview.validate": ["assessment.validated"],
  "indicators.define": ["indicator.created", "indicator.updated"],
  "indicators.record": ["indicator_value.recorded"],
  "indicators.removeValue": ["indicator_value.removed"],
  "milestones.create": ["milestone.created"],
  "milestones.update": ["milestone.updated"],
  "milestones.remove": ["milestone.removed"],
  "coalitions.setSharing": ["coalition.sharing_changed"],
  "coalitions.addMember": ["coalition.member_added"],
  "coalitions.removeMember": ["coalition.member_removed"],
  "peerGroups.create": ["peer_group.joined"],
  "peerGroups.update": ["peer_group.updated", "peer_group.joined"],
  "peerGroups.remove": ["peer_group.left"],
  "modules.create": ["module.created"],
  "modules.update": ["module.updated"],
  "modules.setUpstream": ["module.upstream_set"],
  "modules.addPlan": ["module.plan_added"],
  "modules.updatePlan": ["module.plan_updated"],
  "modules.archivePlan": ["module.plan_archived"],
  "modules.publish": ["module.published"],
  "modules.retire": ["module.retired"],
  "modules.rotateSigningSecret": ["module.signing_secret_rotated"],
  "subscriptions.subscribePurchaseOrder": ["subscription.requested"],
  "subscriptions.withdraw": ["subscription.withdrawn"],
  "subscriptions.requestRenewal": ["subscription.renewal_requested"],
  "subscriptions.activate": ["subscription.activated"],
  "subscriptions.activateRenewal": ["subscription.renewed"],
  "subscriptions.end": ["subscription.ended"],
  "subscriptions.closeMonth": ["subscription.overage_invoiced"],
  "billing.subscribe": ["subscription.requested"],
  "billing.changePlan": ["subscription.plan_change_requested"],
  "billing.cancel": ["subscription.cancel_requested"],
  "apiKeys.create": ["api_key.created"],
  "apiKeys.revoke": ["api_key.revoked"],
  "communes.setTwoStepPolicy": ["commune.two_step_policy_changed"],
  "members.resetTwoStep": ["member.two_step_reset"],
  "directory.save": ["directory.configured"],
};

/** Mutations that write no audit event, and why. */
const NOT_AUDITED: Record<string, string> = {
  "auth.login": "a session, not a change of any commune's data",
  "auth.refresh": "a session, not a change of any commune's data",
  "auth.logout": "a session, not a change of any commune's data",
  "auth.changePassword":
    "an account's credentials, not a change of any commune's data (it ends the account's sessions)",
  // The platform's log (platform_audit_log), not a commune's: account.* events.
  "account.endSession": "one's own account: account.session_ended in the platform's log",
  "account.endOtherSessions": "one's own account: account.other_sessions_ended in the platform's log",
  "account.updateProfile": "one's own account: account.profile_updated in the platform's log",
  "account.setNotificationPreferences":
    "one's own account: account.notification_preferences_updated in the platform's log",
  "passwordRecovery.request": "no signed-in person: account.recovery_requested in the platform's log",
  "passwordRecovery.reset":
    "no signed-in person: account.password_recovered or account.recovery_refused in the platform's log",
  "notifications.markRead": "the reader's own inbox",
  // One's own account: written to the platform's log (account.*), proven in two-step.test.ts.
  "auth.completeTwoStep": "a session; a recovery code used is in the platform's log",
  "auth.twoStepPasskeyOptions": "a WebAuthn challenge, not a change of any commune's data",
  "auth.passkeyOptions": "a WebAuthn challenge, not a change of any commune's data",
  "auth.passkeySignIn": "a session, not a change of any commune's data",
  "twoStep.startTotp": "an unconfirmed seed; turning TOTP on is in the platform's log",
  "twoStep.confirmTotp": "one's own account: account.totp_enabled in the platform's log",
  "twoStep.disableTotp": "one's own account: account.totp_disabled in the platform's log",
  "twoStep.regenerateRecoveryCodes": "one's own account: in the platform's log",
  "twoStep.passkeyOptions": "a WebAuthn challenge, not a change of any commune's data",
  "twoStep.addPasskey": "one's own account: account.passkey_added in the platform's log",
  "twoStep.removePasskey": "one's own account: account.passkey_removed in the platform's log",
  "billing.portal": "opens a Stripe portal session; changes made there arrive as audited webhook events",
  "assessments.saveAnswers":
    "the draft's autosave: each answer keeps who saved it and when, and submitting is audited",
  // The audit log belongs to a commune; these platform-wide records have no commune's log to go to.
  "coalitions.create": "platform-wide: no commune's log",
  "coalitions.update": "platform-wide: no commune's log",
  "coalitions.addCoordinator": "platform-wide: no commune's log",
  "coalitions.removeCoordinator": "platform-wide: no commune's log",
  "frameworks.createVersion": "platform-wide: no commune's log",
  // An account, not a commune: written to the platform's own log (proven in people.test.ts).
  "people.lock": "platform log: account.locked",
  "people.unlock": "platform log: account.unlocked",
  "directory.test": "reads the issuer's discovery document; changes nothing",
};

/** Events written by doors outside the tRPC router. */
const OUTSIDE_ROUTER: Partial<Record<AuditAction, string>> = {
  "subscription.stripe_event": "POST /webhooks/stripe",
  "directory.member_joined": "GET /auth/directory/callback (a first sign-in through the commune's directory)",
};

const SECRET_KEY = "sk_test_ciar_audit";
const WEBHOOK_SECRET = "whsec_test_ciar_audit";

const PUBLIC_URL = "http://127.0.0.1:3998";
let t: TestApp;
let idp: DevIdentityProvider;
let fake: FakeStripe;
let stripe: Stripe;
const s: Record<string, Session> = {};
const id: Record<string, string> = {};
const serena = () => t.communeId.laSerena;
const coquimbo = () => t.communeId.coquimbo;
const as = (session: string, commune?: () => string) => () => ({
  token: s[session]!.token,
  commune: commune?.(),
});
const billingDetails = {
  rut: "69.071.500-7",
  name: "Ilustre Municipalidad (prueba)",
  address: "Calle de prueba 123",
  email: "finanzas@prueba.example",
};
const previousMonth = () => {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
  return first.toISOString().slice(0, 7);
};

interface Step {
  /** The mutation called (with `run`, the one it stands for). */
  path: string;
  as?: () => CallOptions;
  input?: () => unknown;
  run?: () => Promise<CallResult>;
  /** The events expected, each in one commune's log. */
  writes: Array<[AuditAction, () => string]>;
  keep?: (data: Record<string, unknown>) => void | Promise<void>;
}

const STEPS: Step[] = [
  {
    path: "communes.update",
    as: as("serena", serena),
    input: () => ({ displayName: "Municipalidad de La Serena (auditoría)" }),
    writes: [["commune.updated", serena]],
  },
  {
    path: "members.invite",
    as: as("serena", serena),
    input: () => ({ email: "auditoria@laserena.example", role: "viewer" }),
    writes: [["invitation.created", serena]],
    keep: (d) => void (id.token = String(d.acceptUrl).split("/").pop()!),
  },
  {
    path: "invitations.accept",
    input: () => ({ token: id.token, name: "Persona de auditoría", password: "una-clave-larga-123" }),
    writes: [["invitation.accepted", serena]],
    keep: async () => void (id.newMember = await t.userId("auditoria@laserena.example")),
  },
  {
    path: "members.updateRole",
    as: as("serena", serena),
    input: () => ({ userId: id.newMember, role: "editor" }),
    writes: [["member.role_changed", serena]],
  },
  {
    path: "members.suspend",
    as: as("serena", serena),
    input: () => ({ userId: id.newMember, reason: "Auditoría" }),
    writes: [["member.suspended", serena]],
  },
  {
    path: "members.reactivate",
    as: as("serena", serena),
    input: () => ({ userId: id.newMember }),
    writes: [["member.reactivated", serena]],
  },
  {
    path: "members.remove",
    as: as("serena", serena),
    input: () => ({ userId: id.newMember }),
    writes: [["member.removed", serena]],
  },
  {
    path: "members.invite",
    as: as("serena", serena),
    input: () => ({ email: "revocada@laserena.example", role: "viewer" }),
    writes: [["invitation.created", serena]],
    keep: (d) => void (id.invitation = (d.invitation as { id: string }).id),
  },
  {
    path: "members.revokeInvitation",
    as: as("serena", serena),
    input: () => ({ invitationId: id.invitation }),
    writes: [["invitation.revoked", serena]],
  },
  {
    path: "useCases.create",
    as: as("serena", serena),
    input: () => useCaseInput({ title: "Caso de auditoría" }),
    writes: [["use_case.created", serena]],
    keep: (d) => void (id.useCase = String(d.id)),
  },
  {
    path: "useCases.update",
    as: as("serena", serena),
    input: () => ({ id: id.useCase, expectedVersion: 1, content: { title: "Caso de auditoría, revisado" } }),
    writes: [["use_case.updated", serena]],
  },
  {
    path: "useCases.setStage",
    as: as("serena", serena),
    input: () => ({ id: id.useCase, stage: "pilot" }),
    writes: [["use_case.stage_changed", serena]],
  },
  {
    path: "useCases.submit",
    as: as("serena", serena),
    input: () => ({ id: id.useCase }),
    writes: [["use_case.submitted", serena]],
  },
  {
    path: "useCases.review",
    as: as("serena", serena),
    input: () => ({ id: id.useCase, decision: "reject", reason: "Falta la base legal del tratamiento." }),
    writes: [["use_case.rejected", serena]],
  },
  {
    path: "useCases.submit",
    as: as("serena", serena),
    input: () => ({ id: id.useCase }),
    writes: [["use_case.submitted", serena]],
  },
  {
    path: "useCases.review",
    as: as("serena", serena),
    input: () => ({ id: id.useCase, decision: "approve" }),
    writes: [["use_case.published", serena]],
  },
  {
    path: "useCases.setVisibility",
    as: as("serena", serena),
    input: () => ({ id: id.useCase, visibility: "coalition" }),
    writes: [["use_case.visibility_changed", serena]],
  },
  {
    path: "useCases.importPubliccode",
    as: as("coquimbo", coquimbo),
    input: () => ({ content: id.publiccode }),
    writes: [["use_case.created", coquimbo]],
  },
  {
    path: "useCases.adopt",
    as: as("coquimbo", coquimbo),
    input: () => ({ id: id.useCase }),
    writes: [["use_case.adopted", coquimbo]],
  },
  {
    path: "discussion.post",
    as: as("coquimbo", coquimbo),
    input: () => ({ useCaseId: id.useCase, kind: "question", body: "¿Cuánto cuesta al mes?" }),
    writes: [["discussion.posted", coquimbo]],
    keep: (d) => void (id.question = String(d.id)),
  },
  {
    path: "discussion.post",
    as: as("serena", serena),
    input: () => ({ useCaseId: id.useCase, body: "Unos 500 mil pesos.", parentId: id.question }),
    writes: [["discussion.posted", serena]],
    keep: (d) => void (id.answer = String(d.id)),
  },
  {
    path: "discussion.acceptAnswer",
    as: as("serena", serena),
    input: () => ({ answerId: id.answer }),
    writes: [["discussion.answer_accepted", serena]],
  },
  {
    path: "discussion.endorse",
    as: as("coquimbo", coquimbo),
    input: () => ({ id: id.useCase }),
    writes: [["use_case.endorsed", coquimbo]],
  },
  {
    path: "discussion.withdrawEndorsement",
    as: as("coquimbo", coquimbo),
    input: () => ({ id: id.useCase }),
    writes: [["use_case.endorsement_withdrawn", coquimbo]],
  },
  {
    path: "modules.create",
    as: as("serena", serena),
    input: () => ({
      useCaseId: id.useCase,
      slug: "modulo-de-auditoria",
      name: "Módulo de auditoría",
      description: "Un módulo para probar que cada cambio queda registrado.",
      usageUnit: "consulta",
      upstreamUrl: "https://auditoria.laserena.example",
    }),
    writes: [["module.created", serena]],
    keep: (d) => void (id.module = String(d.id)),
  },
  {
    path: "modules.update",
    as: as("serena", serena),
    input: () => ({ id: id.module, name: "Módulo de auditoría, revisado" }),
    writes: [["module.updated", serena]],
  },
  {
    path: "modules.setUpstream",
    as: as("serena", serena),
    input: () => ({ id: id.module, upstreamUrl: "https://auditoria-2.laserena.example" }),
    writes: [["module.upstream_set", serena]],
  },
  ...(["Mensual", "Anual"] as const).map((name): Step => ({
    path: "modules.addPlan",
    as: as("serena", serena),
    input: () => ({
      moduleId: id.module,
      name,
      interval: name === "Mensual" ? "month" : "year",
      priceClp: 10_000,
      includedUnits: 1_000,
    }),
    writes: [["module.plan_added", serena]],
    keep: (d) => void (id[`plan${name}`] = String(d.id)),
  })),
  {
    path: "modules.updatePlan",
    as: as("serena", serena),
    input: () => ({ id: id.planMensual, priceClp: 12_000 }),
    writes: [["module.plan_updated", serena]],
  },
  {
    path: "modules.publish",
    as: as("serena", serena),
    input: () => ({ id: id.module }),
    writes: [["module.published", serena]],
  },
  {
    path: "modules.archivePlan",
    as: as("serena", serena),
    input: () => ({ id: id.planAnual }),
    writes: [["module.plan_archived", serena]],
  },
  {
    path: "modules.rotateSigningSecret",
    as: as("serena", serena),
    input: () => ({ id: id.module }),
    writes: [["module.signing_secret_rotated", serena]],
  },
  {
    path: "modules.retire",
    as: as("serena", serena),
    input: () => ({ id: id.module }),
    writes: [["module.retired", serena]],
  },
  {
    path: "useCases.setStage",
    as: as("serena", serena),
    input: () => ({ id: id.useCase, stage: "retired" }),
    writes: [["use_case.retired", serena]],
  },
  {
    path: "assessments.start",
    as: as("serena", serena),
    input: () => ({ period: "2026-Q4" }),
    writes: [["assessment.created", serena]],
    keep: (d) => void (id.assessment = (d.assessment as { id: string }).id),
  },
  {
    path: "assessments.submit",
    as: as("serena", serena),
    input: () => ({ id: id.assessment, expectedVersion: Number(id.assessmentVersion) }),
    writes: [["assessment.submitted", serena]],
  },
  {
    path: "assessmentReview.return",
    as: as("coordinator"),
    input: () => ({ coalitionId: id.ciar, assessmentId: id.assessment, comment: "Falta evidencia de EG1." }),
    writes: [["assessment.returned", serena]],
  },
  {
    path: "assessments.submit",
    as: as("serena", serena),
    input: () => ({ id: id.assessment, expectedVersion: Number(id.assessmentVersion) }),
    writes: [["assessment.resubmitted", serena]],
  },
  {
    path: "assessmentReview.validate",
    as: as("coordinator"),
    input: () => ({ coalitionId: id.ciar, assessmentId: id.assessment }),
    writes: [["assessment.validated", serena]],
  },
  ...(["Indicador de auditoría", "Indicador de auditoría, revisado"] as const).map((nameEs, i): Step => ({
    path: "indicators.define",
    as: as("coordinator"),
    input: () => ({
      coalitionId: id.ciar,
      code: "auditoria_prueba",
      nameEs,
      nameEn: "Audit indicator",
      unit: "%",
      direction: "higher_is_better",
      definitionEs: "Un indicador para probar el registro de auditoría.",
      definitionEn: "An indicator to test the audit log.",
    }),
    writes: [[i === 0 ? "indicator.created" : "indicator.updated", serena]],
  })),
  {
    path: "indicators.record",
    as: as("serena", serena),
    input: () => ({ indicatorId: id.indicator, period: "2026-Q3", value: 42, source: "Registro municipal" }),
    writes: [["indicator_value.recorded", serena]],
  },
  {
    path: "indicators.removeValue",
    as: as("serena", serena),
    input: () => ({ indicatorId: id.indicator, period: "2026-Q3" }),
    writes: [["indicator_value.removed", serena]],
  },
  {
    path: "milestones.create",
    as: as("serena", serena),
    input: () => ({ title: "Hito de auditoría", dueDate: "2027-01-31" }),
    writes: [["milestone.created", serena]],
    keep: (d) => void (id.milestone = String(d.id)),
  },
  {
    path: "milestones.update",
    as: as("serena", serena),
    input: () => ({ id: id.milestone, title: "Hito de auditoría, revisado", status: "cancelled" }),
    writes: [["milestone.updated", serena]],
  },
  {
    path: "milestones.remove",
    as: as("serena", serena),
    input: () => ({ id: id.milestone }),
    writes: [["milestone.removed", serena]],
  },
  {
    path: "coalitions.setSharing",
    as: as("coordinator"),
    input: () => ({ coalitionId: id.ciar, shareResults: id.ciarShares !== "true" }),
    writes: [["coalition.sharing_changed", serena]],
  },
  {
    path: "peerGroups.create",
    as: as("coordinator"),
    input: () => ({ coalitionId: id.ciar, name: "Grupo de auditoría", communeIds: [serena()] }),
    writes: [["peer_group.joined", serena]],
    keep: (d) => void (id.group = String(d.id)),
  },
  {
    path: "peerGroups.update",
    as: as("coordinator"),
    input: () => ({
      coalitionId: id.ciar,
      groupId: id.group,
      name: "Grupo de auditoría, revisado",
      communeIds: [serena(), coquimbo()],
    }),
    writes: [
      ["peer_group.updated", serena],
      ["peer_group.joined", coquimbo],
    ],
  },
  {
    path: "peerGroups.remove",
    as: as("coordinator"),
    input: () => ({ coalitionId: id.ciar, groupId: id.group }),
    writes: [["peer_group.left", serena]],
  },
  {
    path: "coalitions.addMember",
    as: as("platform"),
    input: () => ({ coalitionId: id.reci, communeCode: "04101" }),
    writes: [["coalition.member_added", serena]],
  },
  {
    path: "coalitions.removeMember",
    as: as("platform"),
    input: () => ({ coalitionId: id.reci, communeId: serena() }),
    writes: [["coalition.member_removed", serena]],
  },
  {
    path: "apiKeys.create",
    as: as("coquimbo", coquimbo),
    input: () => ({ name: "Clave de auditoría", moduleIds: [id.domModule] }),
    writes: [["api_key.created", coquimbo]],
    keep: (d) => void (id.apiKey = (d.apiKey as { id: string }).id),
  },
  {
    path: "apiKeys.revoke",
    as: as("coquimbo", coquimbo),
    input: () => ({ id: id.apiKey }),
    writes: [["api_key.revoked", coquimbo]],
  },
  {
    // Requiring two-step verification needs the admin to use it first: enrol, then set it.
    path: "communes.setTwoStepPolicy",
    run: async () => {
      const options = { token: s.coquimbo!.token };
      const started = await call<{ secret: string }>(t, "mutation", "twoStep.startTotp", undefined, options);
      const code = await generate({ secret: started.data.secret });
      await call(t, "mutation", "twoStep.confirmTotp", { code }, options);
      return call(
        t,
        "mutation",
        "communes.setTwoStepPolicy",
        { policy: "admins" },
        as("coquimbo", coquimbo)(),
      );
    },
    writes: [["commune.two_step_policy_changed", coquimbo]],
  },
  {
    path: "members.resetTwoStep",
    as: as("coquimbo", coquimbo),
    input: () => ({ userId: id.coquimboEditor }),
    writes: [["member.two_step_reset", coquimbo]],
  },
  {
    path: "directory.save",
    as: as("coquimbo", coquimbo),
    input: () => ({
      kind: "keycloak",
      issuerUrl: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      allowedDomains: ["coquimbo.example"],
      defaultRole: "viewer",
      enabled: true,
      passwordSignInDisabled: false,
    }),
    writes: [["directory.configured", coquimbo]],
  },
  {
    path: "directory.save",
    // The directory's callback (outside the router): a first sign-in joins the commune.
    run: async () => {
      const url = await throughProvider(t, PUBLIC_URL, coquimbo(), "funcionaria@coquimbo.example");
      const done = await directoryCallback(t, PUBLIC_URL, url);
      return {
        status: done.statusCode === 303 ? 200 : done.statusCode,
        body: done.body,
        data: {},
      } as CallResult;
    },
    writes: [["directory.member_joined", coquimbo]],
  },
  {
    path: "subscriptions.requestRenewal",
    as: as("coquimbo", coquimbo),
    input: () => ({ subscriptionId: id.coquimboSubscription, purchaseOrderNumber: "2401-99-SE27" }),
    writes: [["subscription.renewal_requested", coquimbo]],
  },
  {
    path: "subscriptions.activateRenewal",
    as: as("platform"),
    input: () => ({ subscriptionId: id.coquimboSubscription }),
    writes: [["subscription.renewed", coquimbo]],
  },
  {
    path: "subscriptions.closeMonth",
    as: as("platform"),
    input: () => ({ month: previousMonth() }),
    writes: [["subscription.overage_invoiced", coquimbo]],
  },
  ...(["vitacura", "providencia"] as const).map((who): Step => ({
    path: "subscriptions.subscribePurchaseOrder",
    as: as(who, () => id[who]!),
    input: () => ({
      moduleId: id.domModule,
      planId: id.domPlan,
      purchaseOrderNumber: who === "vitacura" ? "1111-11-SE26" : "2222-22-SE26",
      billing: billingDetails,
    }),
    writes: [["subscription.requested", () => id[who]!]],
    keep: (d) => void (id[`${who}Subscription`] = String(d.id)),
  })),
  {
    path: "subscriptions.withdraw",
    as: as("vitacura", () => id.vitacura!),
    input: () => ({ id: id.vitacuraSubscription }),
    writes: [["subscription.withdrawn", () => id.vitacura!]],
  },
  {
    path: "subscriptions.activate",
    as: as("platform"),
    input: () => ({ subscriptionId: id.providenciaSubscription }),
    writes: [["subscription.activated", () => id.providencia!]],
  },
  {
    path: "subscriptions.end",
    as: as("platform"),
    input: () => ({ subscriptionId: id.providenciaSubscription }),
    writes: [["subscription.ended", () => id.providencia!]],
  },
  {
    // Checkout, then Stripe's signed `checkout.session.completed`.
    path: "billing.subscribe",
    run: async () => {
      const done = await subscribeWithCheckout(
        t,
        { fake, client: stripe, webhookSecret: WEBHOOK_SECRET },
        { token: s.maipu!.token, communeId: id.maipu! },
        { moduleId: id.domModule!, planId: id.domPlan! },
      );
      id.stripeSubscription = done.subscriptionId;
      return { status: 200, data: done, body: "", setCookie: undefined };
    },
    writes: [
      ["subscription.requested", () => id.maipu!],
      ["subscription.stripe_event", () => id.maipu!],
    ],
  },
  {
    path: "billing.changePlan",
    as: as("maipu", () => id.maipu!),
    input: () => ({ subscriptionId: id.stripeSubscription, planId: id.domCappedPlan }),
    writes: [["subscription.plan_change_requested", () => id.maipu!]],
  },
  {
    path: "billing.cancel",
    as: as("maipu", () => id.maipu!),
    input: () => ({ subscriptionId: id.stripeSubscription }),
    writes: [["subscription.cancel_requested", () => id.maipu!]],
  },
];

beforeAll(async () => {
  fake = await startFakeStripe(SECRET_KEY);
  stripe = new Stripe(SECRET_KEY, { host: fake.host, port: fake.port, protocol: "http" });
  idp = await startDevIdentityProvider({
    port: 0,
    redirectUris: [`${PUBLIC_URL}/auth/directory/callback`],
    accounts: [
      {
        email: "funcionaria@coquimbo.example",
        password: DEMO_DIRECTORY_PASSWORD,
        name: "Funcionaria de Coquimbo",
        emailVerified: true,
      },
    ],
  });
  t = await createTestApp({
    PUBLIC_URL,
    STRIPE_SECRET_KEY: SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_URL: `http://${fake.host}:${fake.port}`,
  });
  for (const [name, email] of Object.entries({
    serena: "admin@laserena.example",
    coquimbo: "admin@coquimbo.example",
    maipu: "admin@maipu.example",
    vitacura: "admin@vitacura.example",
    providencia: "admin@providencia.example",
    coordinator: "coordinacion@ciar.example",
    platform: "plataforma@ciar.example",
  })) {
    s[name] = await signIn(t, email);
  }
  id.maipu = t.communeId.maipu;
  id.coquimboEditor = await t.userId("editor@coquimbo.example");
  id.vitacura = await communeIdOf(t, "13132");
  id.providencia = await communeIdOf(t, "13123");
  id.ciar = await coalitionIdOf(t, "ciar-chile");
  id.reci = await coalitionIdOf(t, "reci-santiago");
  const [ciar] = await t.db.owner.db
    .select({ shareResults: coalitions.shareResults })
    .from(coalitions)
    .where(eq(coalitions.id, id.ciar));
  id.ciarShares = String(ciar!.shareResults);
  const dom = await call<{ id: string; plans: { id: string; quotaPolicy: string }[] }>(
    t,
    "query",
    "modules.get",
    { slug: "dom-revision-permisos" },
    { token: s.serena!.token },
  );
  id.domModule = dom.data.id;
  id.domPlan = dom.data.plans.find((p) => p.quotaPolicy === "overage")!.id;
  id.domCappedPlan = dom.data.plans.find((p) => p.quotaPolicy === "block")!.id;
  const mine = await call<{ id: string; purchaseOrderNumber: string | null }[]>(
    t,
    "query",
    "subscriptions.mine",
    undefined,
    as("coquimbo", coquimbo)(),
  );
  id.coquimboSubscription = mine.data.find((x) => x.purchaseOrderNumber)!.id;
});
afterAll(async () => {
  await idp?.close();
  await t?.close();
  await fake?.close();
});

/** Events of `action` in one commune's log (read through its policy, as the owner). */
async function eventsOf(communeId: string, action: AuditAction): Promise<number> {
  return t.db.owner.db.transaction(async (tx) => {
    await applySettings(tx, { communeId });
    const [row] = await tx
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.communeId, communeId), eq(auditLog.action, action)));
    return row!.n;
  });
}

/** Data a later step needs, prepared as the product would have it by then. */
async function prepare(step: Step) {
  if (step.path === "useCases.importPubliccode" && !id.publiccode) {
    const exported = await call<{ content: string }>(
      t,
      "query",
      "useCases.exportPubliccode",
      { id: id.useCase },
      as("serena", serena)(),
    );
    id.publiccode = exported.data.content;
  }
  if (step.path === "assessments.submit") {
    if (!id.answered) {
      const codes = frameworkV1.dimensions.flatMap((d) => d.questions.map((q) => q.code));
      const saved = await call<{ version: number }>(
        t,
        "mutation",
        "assessments.saveAnswers",
        {
          id: id.assessment,
          expectedVersion: 1,
          answers: codes.map((questionCode) => ({ questionCode, level: 3, evidence: "Acta del concejo." })),
        },
        as("serena", serena)(),
      );
      expect(saved.status, saved.body).toBe(200);
      id.answered = "true";
    }
    const current = await call<{ assessment: { version: number } }>(
      t,
      "query",
      "assessments.get",
      { id: id.assessment },
      as("serena", serena)(),
    );
    id.assessmentVersion = String(current.data.assessment.version);
  }
  if (step.path === "indicators.record" && !id.indicator) {
    const [row] = await t.db.owner.db
      .select({ id: indicators.id })
      .from(indicators)
      .where(and(eq(indicators.coalitionId, id.ciar!), eq(indicators.code, "auditoria_prueba")));
    id.indicator = row!.id;
  }
  if (step.path === "subscriptions.closeMonth") {
    // Last month, Coquimbo used one unit more than its plan includes.
    const [plan] = await t.db.owner.db
      .select({ includedUnits: modulePlans.includedUnits })
      .from(modulePlans)
      .where(eq(modulePlans.id, id.domPlan!));
    await t.db.owner.db.transaction(async (tx) => {
      await applySettings(tx, { communeId: coquimbo() });
      await tx.insert(usageRecords).values({
        communeId: coquimbo(),
        moduleId: id.domModule!,
        providerCommuneId: serena(),
        subscriptionId: id.coquimboSubscription!,
        apiKeyId: id.apiKey!,
        month: previousMonth(),
        units: plan!.includedUnits + 1,
        idempotencyKey: "auditoria-cierre",
      });
    });
  }
}

/** Each procedure of the router by its path, with its kind. */
const procedures = appRouter._def.procedures as unknown as Record<
  string,
  { _def: { type: "query" | "mutation" } }
>;

const mutations = () =>
  Object.entries(procedures)
    .filter(([, p]) => p._def.type === "mutation")
    .map(([path]) => path)
    .sort();

describe("the audit table", () => {
  it("says of every mutation of the router which events it writes, or why none", () => {
    const listed = [...Object.keys(AUDITED), ...Object.keys(NOT_AUDITED)];
    expect(listed.sort()).toEqual(mutations());
    expect(Object.keys(AUDITED).filter((p) => p in NOT_AUDITED)).toEqual([]);
  });

  it("names every audit action, each written by some mutation or by a door outside the router", () => {
    const written = new Set([...Object.values(AUDITED).flat(), ...Object.keys(OUTSIDE_ROUTER)]);
    expect(AUDIT_ACTIONS.filter((a) => !written.has(a))).toEqual([]);
  });

  it("is played in full by the scenario below: every mutation with every event it writes", () => {
    const played = new Set(STEPS.flatMap((step) => step.writes.map(([action]) => `${step.path} ${action}`)));
    const expected = Object.entries(AUDITED).flatMap(([path, actions]) => actions.map((a) => `${path} ${a}`));
    expect(expected.filter((pair) => !played.has(pair))).toEqual([]);
    const outside = Object.keys(OUTSIDE_ROUTER) as AuditAction[];
    const playedActions = new Set(STEPS.flatMap((step) => step.writes.map(([action]) => action)));
    expect(outside.filter((a) => !playedActions.has(a))).toEqual([]);
  });
});

describe("each mutation, called as the role that may", () => {
  it.each(
    STEPS.map((step, i) => [`${i + 1}. ${step.path} → ${step.writes.map(([a]) => a).join(", ")}`, step]),
  )("%s", async (_name, step) => {
    await prepare(step);
    const expected = step.writes.map(([action, commune]) => ({ action, commune: commune() }));
    const before = await Promise.all(expected.map((e) => eventsOf(e.commune, e.action)));
    const kind = procedures[step.path]!._def.type;
    const result = step.run ? await step.run() : await call(t, kind, step.path, step.input?.(), step.as?.());
    expect(result.status, result.body).toBe(200);
    await step.keep?.(result.data as Record<string, unknown>);
    const after = await Promise.all(expected.map((e) => eventsOf(e.commune, e.action)));
    expected.forEach((e, i) => expect(after[i]! - before[i]!, `${e.action} in ${e.commune}`).toBe(1));
  });
});
