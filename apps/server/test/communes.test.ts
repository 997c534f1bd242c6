import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createTestApp, signIn, type Session, type TestApp } from "./support/test-app";

let t: TestApp;
let admin: Session;
let editor: Session;
const as = (s: Session) => ({ token: s.token, commune: t.communeId.laSerena });

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, "admin@laserena.example");
  editor = await signIn(t, "editor@laserena.example");
});
afterAll(() => t?.close());

describe("communes.get", () => {
  it("returns the official data of the active commune to any member", async () => {
    const result = await call(t, "query", "communes.get", undefined, as(editor));
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({
      code: "04101",
      name: "La Serena",
      region: "Coquimbo",
      regionIso: "CL-CO",
      populationYear: 2020,
      status: "active",
      isDemo: true,
      defaultLocale: "es",
    });
  });
});

describe("communes.update", () => {
  it("saves the settings and audits only what changed", async () => {
    const result = await call(
      t,
      "mutation",
      "communes.update",
      {
        displayName: "Municipalidad de La Serena",
        contactEmail: "TI@LaSerena.example",
        websiteUrl: "https://www.laserena.cl",
      },
      as(admin),
    );
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({
      displayName: "Municipalidad de La Serena",
      contactEmail: "ti@laserena.example",
    });

    const audit = await call<{ items: { action: string; changes: Record<string, unknown> }[] }>(
      t,
      "query",
      "audit.list",
      { limit: 1 },
      as(admin),
    );
    expect(audit.data.items[0]).toMatchObject({
      action: "commune.updated",
      changes: {
        displayName: { from: null, to: "Municipalidad de La Serena" },
        contactEmail: { from: null, to: "ti@laserena.example" },
        websiteUrl: { from: null, to: "https://www.laserena.cl" },
      },
    });

    // Saving the same values again changes nothing and writes no new event.
    await call(t, "mutation", "communes.update", { displayName: "Municipalidad de La Serena" }, as(admin));
    const again = await call<{ items: unknown[] }>(
      t,
      "query",
      "audit.list",
      { limit: 50, action: "commune.updated" },
      as(admin),
    );
    expect(again.data.items).toHaveLength(1);
  });

  it("rejects invalid settings field by field and keeps the old values", async () => {
    const result = await call(
      t,
      "mutation",
      "communes.update",
      { displayName: "x", contactEmail: "no", websiteUrl: "javascript:alert(1)", defaultLocale: "fr" },
      as(admin),
    );
    expect(result.status).toBe(400);
    expect(Object.keys(result.error?.data.fieldErrors ?? {}).sort()).toEqual([
      "contactEmail",
      "defaultLocale",
      "displayName",
      "websiteUrl",
    ]);
    const empty = await call(t, "mutation", "communes.update", {}, as(admin));
    expect(empty.status).toBe(400);
    const current = await call<{ displayName: string }>(t, "query", "communes.get", undefined, as(admin));
    expect(current.data.displayName).toBe("Municipalidad de La Serena");
  });

  it("is for admins only", async () => {
    const result = await call(t, "mutation", "communes.update", { displayName: "Otra" }, as(editor));
    expect(result.status).toBe(403);
    expect(result.error?.data.appCode).toBe("permission.denied");
  });
});

describe("audit.list", () => {
  it("pages newest first with a cursor", async () => {
    for (const name of ["Uno", "Dos", "Tres"]) {
      await call(t, "mutation", "communes.update", { displayName: `La Serena ${name}` }, as(admin));
    }
    const first = await call<{
      items: { id: string; changes: { displayName: { to: string } } }[];
      nextCursor: string;
    }>(t, "query", "audit.list", { limit: 2 }, as(admin));
    expect(first.data.items.map((e) => e.changes.displayName.to)).toEqual([
      "La Serena Tres",
      "La Serena Dos",
    ]);
    const second = await call<{ items: { changes: { displayName: { to: string } } }[] }>(
      t,
      "query",
      "audit.list",
      { limit: 2, cursor: first.data.nextCursor },
      as(admin),
    );
    expect(second.data.items[0]?.changes.displayName.to).toBe("La Serena Uno");
  });
});
