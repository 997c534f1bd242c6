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
 * from (and moves the stage when it changed, a separate step on the API). Resolves to the id, or
 * to the client-side issues when the form is not valid yet.
 */
export function useSaveUseCase(target: EditTarget | null) {
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.useCases.create.mutationOptions());
  const update = useMutation(trpc.useCases.update.mutationOptions());
  const setStage = useMutation(trpc.useCases.setStage.mutationOptions());

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
    await update.mutateAsync({ id: target.id, expectedVersion: target.version, content: parsed.data });
    if (form.stage !== target.stage) await setStage.mutateAsync({ id: target.id, stage: form.stage });
    await queryClient.invalidateQueries(trpc.pathFilter());
    return { id: target.id } as const;
  }

  const pending = create.isPending || update.isPending || setStage.isPending;
  const error = create.error ?? update.error ?? setStage.error;
  const reset = () => [create, update, setStage].forEach((m) => m.reset());
  return { save, pending, error, reset };
}
