import { appRouter } from "@ciar/api/router";
import { communes } from "@ciar/db/schema";
import { ACTIONS, can, type Action } from "@ciar/domain/permissions";
import { MEMBERSHIP_ROLES, type MembershipRole } from "@ciar/domain/roles";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coalitionIdOf } from "./support/progress-fixtures";
import { call, createTestApp, signIn, type Session, type TestApp } from "./support/test-app";

/**
 * Every role of every kind against every procedure of the router: allowed past its door, or the
 * exact refusal. Two tables, written out by hand and reviewed as policy:
 *  - ROLES_OF: which membership roles may take each action. The permission table in
 *    @ciar/domain/permissions must say exactly this (granting viewers `billing.read` fails here);
 *  - DOORS: which door, and behind it which action, guards each procedure. The calls prove the API
 *    enforces it (a procedure built with another action than its entry, or another door, fails).
 * A procedure added to the router without an entry in DOORS fails the completeness test.
 *
 * "Allowed" means past the door: inputs are deliberately malformed (or name nothing), so an
 * allowed call ends in BAD_REQUEST or NOT_FOUND and changes nothing; a refused one must answer
 * the door's own code.
 */

const ROLES_OF: Record<Action, readonly MembershipRole[]> = {
  "commune.read": ["admin", "editor", "viewer"],
  "commune.update": ["admin"],
  "members.read": ["admin", "editor", "viewer"],
  "members.invite": ["admin"],
  "members.updateRole": ["admin"],
  "members.remove": ["admin"],
  "members.suspend": ["admin"],
  "audit.read": ["admin"],
  "useCases.read": ["admin", "editor", "viewer"],
  "useCases.write": ["admin", "editor"],
  "useCases.submit": ["admin", "editor"],
  "useCases.publish": ["admin"],
  "useCases.adopt": ["admin", "editor"],
  "discussion.post": ["admin", "editor"],
  "discussion.accept": ["admin"],
  "endorsements.write": ["admin", "editor"],
  "notifications.read": ["admin", "editor", "viewer"],
  "assessments.read": ["admin", "editor", "viewer"],
  "assessments.write": ["admin", "editor"],
  "assessments.submit": ["admin"],
  "indicators.read": ["admin", "editor", "viewer"],
  "indicators.write": ["admin", "editor"],
  "milestones.read": ["admin", "editor", "viewer"],
  "milestones.write": ["admin", "editor"],
  "progress.compare": ["admin"],
  "modules.read": ["admin", "editor", "viewer"],
  "modules.manage": ["admin"],
  "subscriptions.manage": ["admin"],
  "apiKeys.manage": ["admin"],
  "billing.read": ["admin"],
  "members.resetTwoStep": ["admin"],
  "directory.manage": ["admin"],
};

type Kind = "query" | "mutation";
type Door =
  | { door: "public" }
  /** auth.refresh: the refresh cookie is the credential; no caller here sends one. */
  | { door: "refreshCookie" }
  | { door: "authed" }
  /** tenantProcedure; `action` null: any member of the commune. */
  | { door: "tenant"; action: Action | null }
  | { door: "coordinator" }
  | { door: "platform" };
interface Entry {
  kind: Kind;
  guard: Door;
  /** What to send; by default a string, which no procedure's input schema accepts. */
  input?: () => unknown;
}

/** Names nothing: a call let past the door finds nothing to act on. */
const NOBODY = "00000000-0000-4000-8000-000000000000";
const NOT_AN_INPUT = "matrix-probe";
const pub = (kind: Kind): Entry => ({ kind, guard: { door: "public" } });
const authed = (kind: Kind): Entry => ({ kind, guard: { door: "authed" } });
const tenant = (kind: Kind, action: Action): Entry => ({ kind, guard: { door: "tenant", action } });
const platform = (kind: Kind): Entry => ({ kind, guard: { door: "platform" } });
/** The coordinator door reads `coalitionId` before anything else: the coalition is CIAR Chile. */
const coordinator = (kind: Kind): Entry => ({
  kind,
  guard: { door: "coordinator" },
  input: () => ({ coalitionId: ciarId }),
});

const DOORS: Record<string, Entry> = {
  "auth.login": pub("mutation"),
  "auth.refresh": { kind: "mutation", guard: { door: "refreshCookie" } },
  "auth.logout": pub("mutation"),
  "auth.me": authed("query"),
  "auth.changePassword": authed("mutation"),
  "account.sessions": authed("query"),
  "account.endSession": authed("mutation"),
  "account.endOtherSessions": authed("mutation"),
  "account.updateProfile": authed("mutation"),
  "account.notificationPreferences": authed("query"),
  "account.setNotificationPreferences": authed("mutation"),
  "passwordRecovery.request": pub("mutation"),
  "passwordRecovery.reset": pub("mutation"),
  "invitations.preview": pub("query"),
  "invitations.accept": pub("mutation"),
  "auth.completeTwoStep": pub("mutation"),
  "auth.twoStepPasskeyOptions": pub("mutation"),
  "auth.passkeyOptions": pub("mutation"),
  "auth.passkeySignIn": pub("mutation"),
  // One's own second factors: any signed-in person, no commune.
  "twoStep.status": authed("query"),
  "twoStep.startTotp": authed("mutation"),
  "twoStep.confirmTotp": authed("mutation"),
  "twoStep.disableTotp": authed("mutation"),
  "twoStep.regenerateRecoveryCodes": authed("mutation"),
  "twoStep.passkeyOptions": authed("mutation"),
  "twoStep.addPasskey": authed("mutation"),
  "twoStep.removePasskey": authed("mutation"),

  "members.list": tenant("query", "members.read"),
  "members.invite": tenant("mutation", "members.invite"),
  "members.invitations": tenant("query", "members.invite"),
  "members.revokeInvitation": tenant("mutation", "members.invite"),
  "members.updateRole": tenant("mutation", "members.updateRole"),
  "members.remove": tenant("mutation", "members.remove"),
  "members.suspend": tenant("mutation", "members.suspend"),
  "members.reactivate": tenant("mutation", "members.suspend"),
  "communes.get": tenant("query", "commune.read"),
  "communes.update": tenant("mutation", "commune.update"),
  "communes.setTwoStepPolicy": tenant("mutation", "commune.update"),
  "members.resetTwoStep": tenant("mutation", "members.resetTwoStep"),
  "audit.list": tenant("query", "audit.read"),

  "useCases.mine": tenant("query", "useCases.read"),
  "useCases.get": tenant("query", "useCases.read"),
  "useCases.lineage": tenant("query", "useCases.read"),
  "useCases.versions": tenant("query", "useCases.read"),
  "useCases.compareVersions": tenant("query", "useCases.read"),
  "useCases.exportPubliccode": tenant("query", "useCases.read"),
  "useCases.create": tenant("mutation", "useCases.write"),
  "useCases.update": tenant("mutation", "useCases.write"),
  "useCases.importPubliccode": tenant("mutation", "useCases.write"),
  // Checked in the handler, by stage (retiring speaks for the commune): see STAGE_CASES.
  "useCases.setStage": {
    kind: "mutation",
    guard: { door: "tenant", action: "useCases.write" },
    input: () => ({ id: NOBODY, stage: "pilot" }),
  },
  "useCases.submit": tenant("mutation", "useCases.submit"),
  "useCases.review": tenant("mutation", "useCases.publish"),
  "useCases.setVisibility": tenant("mutation", "useCases.publish"),
  "useCases.adopt": tenant("mutation", "useCases.adopt"),
  "catalog.search": tenant("query", "useCases.read"),
  "catalog.export": tenant("query", "useCases.read"),
  "discussion.list": tenant("query", "useCases.read"),
  "discussion.post": tenant("mutation", "discussion.post"),
  "discussion.acceptAnswer": tenant("mutation", "discussion.accept"),
  "discussion.endorse": tenant("mutation", "endorsements.write"),
  "discussion.withdrawEndorsement": tenant("mutation", "endorsements.write"),
  "notifications.list": tenant("query", "notifications.read"),
  "notifications.markRead": tenant("mutation", "notifications.read"),

  "coalitions.mine": tenant("query", "assessments.read"),
  "assessments.list": tenant("query", "assessments.read"),
  "assessments.get": tenant("query", "assessments.read"),
  "assessments.start": tenant("mutation", "assessments.write"),
  "assessments.saveAnswers": tenant("mutation", "assessments.write"),
  "assessments.submit": tenant("mutation", "assessments.submit"),
  "indicators.catalog": tenant("query", "indicators.read"),
  "indicators.values": tenant("query", "indicators.read"),
  "indicators.record": tenant("mutation", "indicators.write"),
  "indicators.removeValue": tenant("mutation", "indicators.write"),
  "milestones.list": tenant("query", "milestones.read"),
  "milestones.create": tenant("mutation", "milestones.write"),
  "milestones.update": tenant("mutation", "milestones.write"),
  "milestones.remove": tenant("mutation", "milestones.write"),
  "peerGroups.mine": tenant("query", "progress.compare"),
  "progress.myComparison": tenant("query", "progress.compare"),
  "progress.myIndicatorComparison": tenant("query", "progress.compare"),

  "modules.create": tenant("mutation", "modules.manage"),
  "modules.update": tenant("mutation", "modules.manage"),
  "modules.setUpstream": tenant("mutation", "modules.manage"),
  "modules.addPlan": tenant("mutation", "modules.manage"),
  "modules.updatePlan": tenant("mutation", "modules.manage"),
  "modules.archivePlan": tenant("mutation", "modules.manage"),
  "modules.publish": tenant("mutation", "modules.manage"),
  "modules.retire": tenant("mutation", "modules.manage"),
  "modules.rotateSigningSecret": tenant("mutation", "modules.manage"),
  "modules.mine": tenant("query", "modules.manage"),
  "modules.subscribers": tenant("query", "modules.manage"),
  "modules.providerReport": tenant("query", "modules.manage"),
  "modules.catalog": authed("query"),
  "modules.get": authed("query"),
  // What the commune subscribes to and how much it uses is module information every member
  // sees; what it pays (invoices, the Stripe portal) is billing, for admins.
  "subscriptions.mine": tenant("query", "modules.read"),
  "subscriptions.usage": tenant("query", "modules.read"),
  "subscriptions.invoices": tenant("query", "billing.read"),
  "subscriptions.subscribePurchaseOrder": tenant("mutation", "subscriptions.manage"),
  "subscriptions.requestRenewal": tenant("mutation", "subscriptions.manage"),
  "subscriptions.withdraw": tenant("mutation", "subscriptions.manage"),
  "billing.status": authed("query"),
  "billing.subscribe": tenant("mutation", "subscriptions.manage"),
  "billing.changePlan": tenant("mutation", "subscriptions.manage"),
  "billing.cancel": tenant("mutation", "subscriptions.manage"),
  "billing.portal": tenant("mutation", "billing.read"),
  "apiKeys.create": tenant("mutation", "apiKeys.manage"),
  "apiKeys.list": tenant("query", "apiKeys.manage"),
  "apiKeys.revoke": tenant("mutation", "apiKeys.manage"),
  "directory.get": tenant("query", "directory.manage"),
  "directory.save": tenant("mutation", "directory.manage"),
  "directory.test": tenant("mutation", "directory.manage"),
  "directory.discover": pub("query"),
  "directory.mine": authed("query"),

  "coalitions.get": coordinator("query"),
  "coalitions.setSharing": coordinator("mutation"),
  "assessmentReview.list": coordinator("query"),
  "assessmentReview.get": coordinator("query"),
  "assessmentReview.return": coordinator("mutation"),
  "assessmentReview.validate": coordinator("mutation"),
  "indicators.list": coordinator("query"),
  "indicators.define": coordinator("mutation"),
  "progress.overview": coordinator("query"),
  "progress.communeProfile": coordinator("query"),
  "progress.pairing": coordinator("query"),
  "progress.indicatorTrend": coordinator("query"),
  "progress.exportCsv": coordinator("query"),
  "peerGroups.list": coordinator("query"),
  "peerGroups.create": coordinator("mutation"),
  "peerGroups.update": coordinator("mutation"),
  "peerGroups.remove": coordinator("mutation"),

  "frameworks.current": authed("query"),
  "frameworks.list": authed("query"),
  "frameworks.get": authed("query"),
  "frameworks.createVersion": platform("mutation"),
  "coalitions.list": platform("query"),
  "coalitions.detail": platform("query"),
  "coalitions.create": platform("mutation"),
  "people.list": platform("query"),
  "people.detail": platform("query"),
  "people.lock": platform("mutation"),
  "people.unlock": platform("mutation"),
  "platformAudit.list": platform("query"),
  "coalitions.update": platform("mutation"),
  "coalitions.addMember": platform("mutation"),
  "coalitions.removeMember": platform("mutation"),
  "coalitions.addCoordinator": platform("mutation"),
  "coalitions.removeCoordinator": platform("mutation"),
  "subscriptions.pendingPurchaseOrders": platform("query"),
  "subscriptions.activePurchaseOrders": platform("query"),
  "subscriptions.activate": platform("mutation"),
  "subscriptions.activateRenewal": platform("mutation"),
  "subscriptions.end": platform("mutation"),
  "subscriptions.closeMonth": platform("mutation"),
};

/** Checks made in a handler rather than by the door: moving a use case to "retired". */
const STAGE_CASES: Record<string, Entry> = {
  "useCases.setStage to retired": {
    kind: "mutation",
    guard: { door: "tenant", action: "useCases.publish" },
    input: () => ({ id: NOBODY, stage: "retired" }),
  },
  "useCases.update to retired": {
    kind: "mutation",
    guard: { door: "tenant", action: "useCases.publish" },
    input: () => ({ id: NOBODY, expectedVersion: 1, content: {}, stage: "retired" }),
  },
};

interface Caller {
  /** Role in La Serena, the commune every call names. */
  role: MembershipRole | null;
  coordinatesCiar: boolean;
  platformAdmin: boolean;
  session: () => Session | null;
}
const sessions: Record<string, Session> = {};
const CALLERS: Record<string, Caller> = {
  anonymous: { role: null, coordinatesCiar: false, platformAdmin: false, session: () => null },
  viewer: { role: "viewer", coordinatesCiar: false, platformAdmin: false, session: () => sessions.viewer! },
  editor: { role: "editor", coordinatesCiar: false, platformAdmin: false, session: () => sessions.editor! },
  admin: { role: "admin", coordinatesCiar: false, platformAdmin: false, session: () => sessions.admin! },
  "admin of another commune": {
    role: null,
    coordinatesCiar: false,
    platformAdmin: false,
    session: () => sessions.coquimbo!,
  },
  "coordinator of CIAR Chile": {
    role: null,
    coordinatesCiar: true,
    platformAdmin: false,
    session: () => sessions.ciar!,
  },
  "coordinator of another coalition": {
    role: null,
    coordinatesCiar: false,
    platformAdmin: false,
    session: () => sessions.reci!,
  },
  "platform admin": {
    role: null,
    coordinatesCiar: false,
    platformAdmin: true,
    session: () => sessions.platform!,
  },
};

/** The refusal a caller must get at a door, or null when the door lets it through. */
function expectedRefusal(caller: Caller, guard: Door): string | null {
  if (guard.door === "public") return null;
  if (guard.door === "refreshCookie") return "auth.session_expired";
  if (!caller.session()) return "auth.unauthenticated";
  switch (guard.door) {
    case "authed":
      return null;
    case "tenant":
      if (!caller.role) return "tenant.forbidden";
      return guard.action === null || ROLES_OF[guard.action].includes(caller.role)
        ? null
        : "permission.denied";
    case "coordinator":
      return caller.coordinatesCiar ? null : "coalitions.forbidden";
    case "platform":
      return caller.platformAdmin ? null : "platform.forbidden";
  }
}

/** Every answer a door gives; an allowed call must get none of them. */
const DOOR_REFUSALS = [
  "auth.unauthenticated",
  "auth.session_expired",
  "tenant.missing",
  "tenant.forbidden",
  "communes.inactive",
  "auth.two_step_enrolment_required",
  "permission.denied",
  "coalitions.forbidden",
  "platform.forbidden",
];

let t: TestApp;
let ciarId: string;

beforeAll(async () => {
  t = await createTestApp();
  sessions.viewer = await signIn(t, "viewer@laserena.example");
  sessions.editor = await signIn(t, "editor@laserena.example");
  sessions.admin = await signIn(t, "admin@laserena.example");
  sessions.coquimbo = await signIn(t, "admin@coquimbo.example");
  sessions.ciar = await signIn(t, "coordinacion@ciar.example");
  sessions.reci = await signIn(t, "coordinacion@reci.example");
  sessions.platform = await signIn(t, "plataforma@ciar.example");
  ciarId = await coalitionIdOf(t, "ciar-chile");
});
afterAll(() => t?.close());

describe("the permission table", () => {
  it("grants each action to exactly the roles reviewed here", () => {
    expect(Object.keys(ROLES_OF).sort()).toEqual([...ACTIONS].sort());
    for (const action of ACTIONS) {
      const granted = MEMBERSHIP_ROLES.filter((role) => can(role, action));
      expect(granted.sort(), action).toEqual([...ROLES_OF[action]].sort());
    }
  });

  it("lists every procedure of the router, each with its door", () => {
    expect(Object.keys(DOORS).sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
  });

  it("names every action in some door (an action no procedure uses is dead policy)", () => {
    const used = new Set(
      Object.values({ ...DOORS, ...STAGE_CASES }).flatMap((e) =>
        e.guard.door === "tenant" && e.guard.action ? [e.guard.action] : [],
      ),
    );
    // Read by the web alone, to decide what to show; no procedure of its own.
    const webOnly: Action[] = [];
    expect(ACTIONS.filter((a) => !used.has(a) && !webOnly.includes(a))).toEqual([]);
  });
});

describe.each(Object.entries(CALLERS))("as %s", (who, caller) => {
  it.each(Object.entries({ ...DOORS, ...STAGE_CASES }))("%s", async (name, entry) => {
    const path = name.split(" ")[0]!;
    const session = caller.session();
    const result = await call(t, entry.kind, path, entry.input ? entry.input() : NOT_AN_INPUT, {
      token: session?.token,
      commune: t.communeId.laSerena,
    });
    const refusal = expectedRefusal(caller, entry.guard);
    const got = result.error?.data.appCode ?? null;
    expect(result.status, `${who} → ${name}: ${result.body}`).toBeLessThan(500);
    if (refusal) {
      expect(got, `${who} → ${name}`).toBe(refusal);
    } else {
      expect(DOOR_REFUSALS, `${who} → ${name} was refused: ${result.body}`).not.toContain(got);
    }
  });
});

describe("the tenant door and a suspended commune", () => {
  it("refuses every member of a commune that is not active, and lets them back once reactivated", async () => {
    const renca = await signIn(t, "admin@renca.example");
    const [row] = await t.db.owner.db
      .select({ id: communes.id })
      .from(communes)
      .where(eq(communes.code, "13128"));
    const as = { token: renca.token, commune: row!.id };
    expect((await call(t, "query", "communes.get", undefined, as)).status).toBe(200);
    for (const status of ["suspended", "inactive"] as const) {
      await t.db.owner.db.update(communes).set({ status }).where(eq(communes.id, row!.id));
      for (const [path, kind, input] of [
        ["communes.get", "query", undefined],
        ["members.list", "query", { limit: 10 }],
        ["milestones.create", "mutation", { title: "Hito de una comuna suspendida", dueDate: "2027-01-31" }],
      ] as const) {
        const result = await call(t, kind, path, input, as);
        expect(result.status, `${status} ${path}`).toBe(403);
        expect(result.error?.data.appCode).toBe("communes.inactive");
      }
    }
    await t.db.owner.db.update(communes).set({ status: "active" }).where(eq(communes.id, row!.id));
    expect((await call(t, "query", "communes.get", undefined, as)).status).toBe(200);
  });
});
