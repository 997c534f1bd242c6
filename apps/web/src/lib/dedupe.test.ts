import { describe, expect, it } from "vitest";
import { dedupe } from "./dedupe";

/** A promise whose settlement the test controls. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe("dedupe (one refresh in flight at a time)", () => {
  it("gives concurrent callers the same in-flight promise and calls the function once", async () => {
    const pending = deferred<string>();
    let calls = 0;
    const refresh = dedupe(() => {
      calls++;
      return pending.promise;
    });
    const a = refresh();
    const b = refresh();
    const c = refresh();
    expect(calls).toBe(1);
    pending.resolve("token-1");
    await expect(Promise.all([a, b, c])).resolves.toEqual(["token-1", "token-1", "token-1"]);
  });

  it("starts a new call once the previous one has settled (the cookie has rotated by then)", async () => {
    let calls = 0;
    const refresh = dedupe(async () => `token-${++calls}`);
    await expect(refresh()).resolves.toBe("token-1");
    await expect(refresh()).resolves.toBe("token-2");
    expect(calls).toBe(2);
  });

  it("shares a failure with every waiting caller and does not stay stuck on it", async () => {
    const first = deferred<string>();
    let calls = 0;
    const refresh = dedupe(() => (++calls === 1 ? first.promise : Promise.resolve("token-2")));
    const a = refresh();
    const b = refresh();
    first.reject(new Error("auth.session_expired"));
    await expect(a).rejects.toThrow("auth.session_expired");
    await expect(b).rejects.toThrow("auth.session_expired");
    await expect(refresh()).resolves.toBe("token-2");
    expect(calls).toBe(2);
  });
});
