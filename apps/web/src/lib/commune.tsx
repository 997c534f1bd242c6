import { useQueryClient } from "@tanstack/react-query";
import { createContext, use, useMemo, type ReactNode } from "react";
import type { Membership } from "./session";
import { CommuneTRPCProvider, createApiClient } from "./trpc";

const CommuneContext = createContext<Membership | null>(null);

/** The commune the URL names, with the person's role in it. */
export function useCommune(): Membership {
  const commune = use(CommuneContext);
  if (!commune) throw new Error("useCommune() is only available inside <CommuneProvider>");
  return commune;
}

/** Name to show: the commune's own display name when its admins set one, else the official name. */
export function communeLabel(commune: { name: string; displayName: string | null }): string {
  return commune.displayName ?? commune.name;
}

/**
 * Everything below talks to the API as this commune: a client that sends its x-commune-id, and a
 * query-key prefix of its own in the shared cache (switching back shows cached data at once).
 */
export function CommuneProvider({ membership, children }: { membership: Membership; children: ReactNode }) {
  const queryClient = useQueryClient();
  const client = useMemo(() => createApiClient(membership.communeId), [membership.communeId]);
  return (
    <CommuneContext value={membership}>
      <CommuneTRPCProvider
        trpcClient={client}
        queryClient={queryClient}
        keyPrefix={`commune:${membership.communeId}`}
      >
        {children}
      </CommuneTRPCProvider>
    </CommuneContext>
  );
}
