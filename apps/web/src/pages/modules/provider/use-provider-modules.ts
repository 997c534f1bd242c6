import { useIsMutating, useQueryClient } from "@tanstack/react-query";
import { useCommuneTRPC } from "../../../lib/trpc";
import type { ProviderModule } from "./module-form";

/**
 * The cache of the provider's modules: a module the API returns goes into the list at once (the
 * edit view never shows "not found" for one just created), then everything under modules.* is
 * fetched again (the catalog, a module's page and the report change with it).
 */
export function useProviderModulesCache() {
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  return {
    store(module: ProviderModule) {
      queryClient.setQueryData(trpc.modules.mine.queryKey(), (old) =>
        old === undefined
          ? old
          : old.some((m) => m.id === module.id)
            ? old.map((m) => (m.id === module.id ? module : m))
            : [...old, module],
      );
    },
    invalidate: () => queryClient.invalidateQueries(trpc.modules.pathFilter()),
  };
}

/** True while any change to a module or its plans is on its way: the other buttons wait for it. */
export function useModulesBusy(): boolean {
  const trpc = useCommuneTRPC();
  return useIsMutating({ mutationKey: trpc.modules.pathKey() }) > 0;
}
