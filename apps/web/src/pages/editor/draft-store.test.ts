import { describe, expect, it } from "vitest";
import { createDraftStore, draftKey } from "./draft-store";
import { emptyForm } from "./use-case-form";

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

describe("draftKey", () => {
  it("separates communes and use cases, with 'new' for an unsaved one", () => {
    expect(draftKey("c1", null)).toBe("ciar.draft.c1.new");
    expect(draftKey("c1", "u1")).not.toBe(draftKey("c2", "u1"));
    expect(draftKey("c1", "u1")).not.toBe(draftKey("c1", "u2"));
  });
});

describe("createDraftStore", () => {
  it("saves, restores and clears a draft with its time and base version", () => {
    const storage = memoryStorage();
    const store = createDraftStore(storage);
    const form = { ...emptyForm(), title: "Permisos de edificación" };
    const at = new Date("2026-11-25T14:05:00Z");
    store.save("k", form, 3, at);
    expect(store.load("k")).toEqual({ form, savedAt: at.toISOString(), baseVersion: 3 });
    store.clear("k");
    expect(store.load("k")).toBeNull();
    expect(storage.data.size).toBe(0);
  });

  it("reads a draft kept before KPIs named a coalition indicator as one without a link", () => {
    const storage = memoryStorage();
    const store = createDraftStore(storage);
    const row = {
      id: "k1",
      name: "Días",
      unit: "días",
      baseline: "",
      current: "",
      target: "",
      measuredOn: "",
    };
    const form = { ...emptyForm(), kpis: [row] };
    storage.data.set("k", JSON.stringify({ form, savedAt: "2026-11-25T14:05:00.000Z", baseVersion: 2 }));
    expect(store.load("k")?.form.kpis).toEqual([{ ...row, indicatorCode: "" }]);
  });

  it("reads corrupt or foreign values as no draft", () => {
    const storage = memoryStorage();
    const store = createDraftStore(storage);
    for (const raw of ["{not json", "null", '{"form":{}}', JSON.stringify({ savedAt: "x", form: {} })]) {
      storage.data.set("k", raw);
      expect(store.load("k")).toBeNull();
    }
  });

  it("survives a storage that refuses to write or is missing", () => {
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => {
        throw new Error("SecurityError");
      },
    };
    expect(createDraftStore(full).save("k", emptyForm(), null)).toBeNull();
    expect(() => createDraftStore(full).clear("k")).not.toThrow();
    expect(createDraftStore(null).load("k")).toBeNull();
  });
});
