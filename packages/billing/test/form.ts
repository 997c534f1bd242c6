/**
 * Decodes the Stripe SDK's application/x-www-form-urlencoded bodies, which use bracket notation
 * with indexed arrays: `items[0][price]=price_1&metadata[subscriptionRef]=…`. Values stay strings,
 * as they travel on the wire.
 */
export type Form = string | Form[] | { [key: string]: Form };
export type FormObject = { [key: string]: Form };

function segments(key: string): string[] {
  const first = key.indexOf("[");
  if (first === -1) return [key];
  const rest = [...key.slice(first).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? "");
  return [key.slice(0, first), ...rest];
}

export function decodeForm(body: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = segments(key);
    let node: Form = root;
    path.forEach((segment, i) => {
      const last = i === path.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(path[i + 1] ?? "");
      const container = node as Record<string, Form>;
      if (last) {
        container[segment] = value;
        return;
      }
      container[segment] ??= nextIsIndex ? [] : {};
      node = container[segment];
    });
  }
  return root;
}

/** A nested string of a decoded body, e.g. `text(body, "recurring", "interval")`. */
export function text(form: Form | undefined, ...path: (string | number)[]): string | undefined {
  let node: Form | undefined = form;
  for (const key of path) {
    if (node === undefined || typeof node === "string") return undefined;
    node = (node as Record<string, Form>)[key];
  }
  return typeof node === "string" ? node : undefined;
}

/** A nested array of a decoded body (empty when absent). */
export function list(form: Form | undefined, key: string): Form[] {
  const node = form && typeof form !== "string" && !Array.isArray(form) ? form[key] : undefined;
  return Array.isArray(node) ? node : [];
}
