import { zCreateUseCaseInput, zUseCaseContent } from "@ciar/domain/schemas/use-cases";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCommuneTRPC } from "../../lib/trpc";
import { formToContent, formToCreateInput, type UseCaseForm } from "./use-case-form";

export interface EditTarget {
  id: string;
  version: number;
  stage: string;
}

/**
 * Validates with the domain schema, then creates, or updates with the version the edit started
 * from (with the stage when it changed). Resolves to the id, or
 * to the client-side issues when the form is not valid yet.
 */
export function useSaveUseCase(target: EditTarget | null) {
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.useCases.create.mutationOptions());
  const update = useMutation(trpc.useCases.update.mutationOptions());

  async function save(form: UseCaseForm) {
    if (!target) {
      const parsed = zCreateUseCaseInput.safeParse(formToCreateInput(form));
      if (!parsed.success) return { issues: parsed.error } as const;
      const { id } = await create.mutateAsync(parsed.data);
      await queryClient.invalidateQueries(trpc.pathFilter());
      return { id } as const;
    }
    const parsed = zUseCaseContent.safeParse(formToContent(form));
    if (!parsed.success) return { issues: parsed.error } as const;
    // Content and stage in one call: one version, all or nothing.
    await update.mutateAsync({
      id: target.id,
      expectedVersion: target.version,
      content: parsed.data,
      ...(form.stage !== target.stage ? { stage: form.stage } : {}),
    });
    await queryClient.invalidateQueries(trpc.pathFilter());
    return { id: target.id } as const;
  }

  const pending = create.isPending || update.isPending;
  const error = create.error ?? update.error;
  const reset = () => [create, update].forEach((m) => m.reset());
  return { save, pending, error, reset };
}
