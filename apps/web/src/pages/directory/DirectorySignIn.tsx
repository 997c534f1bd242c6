import { zDiscoverDirectoryInput } from "@ciar/domain/schemas/directory";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useAccountTRPC } from "../../lib/trpc";
import { useDebouncedValue } from "../../lib/use-debounced-value";

/**
 * On the sign-in page, once an e-mail is typed: "Ingresar con la cuenta de tu municipio" (or
 * ClaveÚnica) for each commune whose directory accepts that domain. A plain link: the browser goes
 * to the server's /auth/directory/start, then to the provider, and comes back signed in.
 */
export function DirectorySignIn({ email, returnTo }: { email: string; returnTo: string }) {
  const { t } = useTranslation();
  const trpc = useAccountTRPC();
  const typed = useDebouncedValue(email.trim(), 400);
  const parsed = zDiscoverDirectoryInput.safeParse({ email: typed });
  const found = useQuery({
    ...trpc.directory.discover.queryOptions(parsed.success ? parsed.data : { email: "" }),
    enabled: parsed.success,
    staleTime: 60_000,
  });
  if (!parsed.success || !found.data || found.data.length === 0) return null;
  return (
    <section className="card" aria-label={t("directory.signInHeading")}>
      {found.data.map((commune) => (
        <p key={commune.communeId}>
          <a
            className="button primary"
            href={`/auth/directory/start?${new URLSearchParams({ commune: commune.communeId, returnTo })}`}
          >
            {commune.claveUnica
              ? t("directory.signInClaveUnica", { commune: commune.communeName })
              : t("directory.signInWithDirectory", { commune: commune.communeName })}
          </a>
        </p>
      ))}
    </section>
  );
}
