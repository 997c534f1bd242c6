import { Link } from "react-router";

/** Notification payloads are JSON from the API: read defensively (title, optional excerpt). */
function textOf(payload: unknown, key: "title" | "excerpt"): string | null {
  if (typeof payload !== "object" || payload === null) return null;
  const value = (payload as Record<string, unknown>)[key];
  return typeof value === "string" && value ? value : null;
}

export function NotificationText({
  text,
  payload,
  href,
}: {
  text: string;
  payload: unknown;
  href: string | null;
}) {
  const title = textOf(payload, "title");
  const excerpt = textOf(payload, "excerpt");
  return (
    <>
      <p>
        {text} {title && href ? <Link to={href}>{title}</Link> : title}
      </p>
      {excerpt && <blockquote className="excerpt">{excerpt}</blockquote>}
    </>
  );
}
