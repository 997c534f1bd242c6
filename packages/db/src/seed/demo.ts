import { and, eq, inArray } from "drizzle-orm";
import type { DatabaseConnection } from "../client";
import { hashPassword } from "../password";
import { coalitionRoles, communes, memberships, users } from "../schema/index";
import { seedDemoProgress } from "./demo-progress";

export { demoLevels, demoNoise } from "./demo-progress";
import { applySettings } from "../tenant-transaction";
import { DEMO_COMMUNE_CUTS, DEMO_COMMUNES, DEMO_PASSWORD, DEMO_USERS } from "./demo-data";
import { seedDemoUseCases } from "./demo-use-cases";
import { seedDemoModules } from "./demo-modules";

export { DEMO_COMMUNE_CUTS, DEMO_COMMUNES, DEMO_PASSWORD, DEMO_USERS };
export { DEMO_MODULE_SLUG, DEMO_MODULE_UPSTREAM, DEMO_PURCHASE_ORDER } from "./demo-modules";

export interface SeedResult {
  seeded: boolean;
  communes: number;
  users: number;
  useCases: number;
  assessments?: number;
  indicatorValues?: number;
  modules?: number;
}

/**
 * Activates the demo communes and creates the demo accounts, once. Runs with the owner connection
 * (as migrations do); tenant rows are written with app.commune_id set, because FORCE RLS applies
 * to the owner too. Never runs in production.
 */
export async function seedDemo(
  connection: DatabaseConnection,
  env: {
    nodeEnv: string;
    /** Where the example module's service runs (EXAMPLE_MODULE_UPSTREAM); the API's own by default. */
    exampleModuleUpstream?: string | undefined;
  },
): Promise<SeedResult> {
  if (env.nodeEnv === "production") throw new Error("The demo seed never runs with NODE_ENV=production.");
  const { db } = connection;
  const already = await db.select({ id: users.id }).from(users).where(eq(users.isDemo, true)).limit(1);
  if (already.length > 0) return { seeded: false, communes: 0, users: 0, useCases: 0 };

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const activated = await tx
      .update(communes)
      .set({ status: "active", isDemo: true, activatedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(communes.country, "CL"), inArray(communes.code, DEMO_COMMUNE_CUTS)))
      .returning({ id: communes.id, code: communes.code });
    const communeIdByCut = new Map(activated.map((c) => [c.code, c.id]));
    if (communeIdByCut.size !== DEMO_COMMUNE_CUTS.length) {
      throw new Error("Demo communes missing: were the migrations applied?");
    }

    const created = await tx
      .insert(users)
      .values(DEMO_USERS.map((u) => ({ email: u.email, name: u.name, passwordHash, isDemo: true })))
      .returning({ id: users.id, email: users.email });
    const userIdByEmail = new Map(created.map((u) => [u.email, u.id]));

    const roles = DEMO_USERS.flatMap((u) =>
      (u.platformRoles ?? []).map((role) => ({ userId: userIdByEmail.get(u.email)!, role })),
    );
    if (roles.length > 0) await tx.insert(coalitionRoles).values(roles);

    for (const [cut, communeId] of communeIdByCut) {
      const rows = DEMO_USERS.flatMap((u) =>
        u.memberships
          .filter((m) => m.cut === cut)
          .map((m) => ({ communeId, userId: userIdByEmail.get(u.email)!, role: m.role })),
      );
      if (rows.length === 0) continue;
      await applySettings(tx, { communeId });
      await tx.insert(memberships).values(rows);
    }
    // Each commune's cases are written by its demo admin.
    const authorId = (cut: string) => {
      const author = DEMO_USERS.find((u) => u.memberships.some((m) => m.cut === cut && m.role === "admin"));
      return author ? userIdByEmail.get(author.email) : undefined;
    };
    const useCases = await seedDemoUseCases(tx, communeIdByCut, authorId);
    const coordinatorIdsBySlug = new Map<string, string[]>();
    for (const u of DEMO_USERS) {
      for (const slug of u.coordinates ?? []) {
        coordinatorIdsBySlug.set(slug, [
          ...(coordinatorIdsBySlug.get(slug) ?? []),
          userIdByEmail.get(u.email)!,
        ]);
      }
    }
    const progress = await seedDemoProgress(tx, communeIdByCut, authorId, coordinatorIdsBySlug);
    const modules = await seedDemoModules(
      tx,
      communeIdByCut,
      authorId,
      userIdByEmail.get("plataforma@ciar.example"),
      env.exampleModuleUpstream,
    );
    return {
      seeded: true,
      communes: communeIdByCut.size,
      users: created.length,
      useCases,
      ...progress,
      modules,
    };
  });
}
