import { expect } from "vitest";
import { DEMO_DIRECTORY_PASSWORD } from "../../src/dev-identity-provider/accounts";
import type { TestApp } from "./test-app";

/**
 * The browser's part of a directory sign-in, played with fetch and a cookie jar against the real
 * local provider: GET /auth/directory/start, the provider's redirects, its sign-in form submitted,
 * up to the platform's callback URL (returned, not yet called).
 */
export async function throughProvider(
  t: TestApp,
  publicUrl: string,
  communeId: string,
  email: string,
  password = DEMO_DIRECTORY_PASSWORD,
): Promise<string> {
  const start = await t.app.inject({ method: "GET", url: `/auth/directory/start?commune=${communeId}` });
  expect(start.statusCode, start.body).toBe(303);
  let location = String(start.headers.location);
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  for (let hop = 0; hop < 12; hop += 1) {
    if (location.startsWith(publicUrl)) return location;
    const response = await fetch(location, { redirect: "manual", headers: { cookie: cookie() } });
    keep(response);
    if (response.status === 200) {
      const html = await response.text();
      const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`no sign-in form at ${location}: ${html.slice(0, 300)}`);
      const submitted = await fetch(new URL(action, location), {
        method: "POST",
        redirect: "manual",
        headers: { cookie: cookie(), "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email, password }).toString(),
      });
      keep(submitted);
      if (submitted.status === 401) throw new Error("the provider refused the password");
      location = new URL(submitted.headers.get("location")!, location).href;
    } else {
      location = new URL(response.headers.get("location")!, location).href;
    }
  }
  throw new Error("too many redirects");
}

/** Calls the platform's callback with the URL the provider redirected to. */
export const directoryCallback = (t: TestApp, publicUrl: string, url: string) =>
  t.app.inject({ method: "GET", url: url.slice(publicUrl.length) });
