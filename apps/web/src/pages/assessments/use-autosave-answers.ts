import type { AnswerInput } from "@ciar/domain/schemas/assessments";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { appCodeOf } from "../../lib/api-errors";
import { useCommuneTRPC } from "../../lib/trpc";
import { mergeSaved, parseAnswer, type AnswersForm } from "./answers-form";
import { createSaveQueue } from "./save-queue";

/** A pause in typing before the changed answers are sent (one request per pause, not per key). */
const AUTOSAVE_DELAY_MS = 800;

export type SaveStatus =
  | { state: "idle" }
  | { state: "saving" }
  | { state: "saved"; at: string }
  | { state: "failed"; error: unknown }
  /** Another tab or person saved first: saving again would overwrite them, so it stops. */
  | { state: "conflict"; error: unknown }
  /** Submitted or validated meanwhile: nothing more can be saved. */
  | { state: "locked"; error: unknown };

/** Refusals after which saving again would overwrite someone or cannot succeed. */
const FINAL_REFUSALS = new Set(["assessments.version_conflict", "assessments.not_editable"]);

/**
 * Saves the changed answers to the server a moment after each change, one request at a time,
 * with the version the form last saw. Answers the schema refuses (a bad link) wait until fixed.
 * What is still waiting goes at once when the form closes (leaving the page inside the app) or
 * the page is hidden (another tab, the browser minimised or closing). The bookkeeping (which
 * change was saved, versions, stopping on a conflict) is the save queue's (save-queue.ts).
 */
export function useAutosaveAnswers(assessmentId: string, initialVersion: number, form: AnswersForm) {
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  // mutateAsync is stable across renders (the queue below keeps the first one). The cache is
  // updated here, in the mutation's own lifecycle, so that it also happens after the form closed
  // and before the save stops counting as in flight (see AssessmentPage).
  const { mutateAsync: saveAnswers } = useMutation(
    trpc.assessments.saveAnswers.mutationOptions({
      onSuccess: (result, input) => {
        // Keep the cached assessment equal to the server's, so reopening the page starts from
        // this version instead of a stale one (which would only produce a false conflict).
        queryClient.setQueryData(trpc.assessments.get.queryKey({ id: input.id }), (old) =>
          old
            ? {
                ...old,
                assessment: { ...old.assessment, version: result.version, updatedAt: result.updatedAt },
                // The answers sent are parseAnswer's output, complete (the input type has defaults).
                answers: mergeSaved(old.answers, input.answers as AnswerInput[], result.updatedAt),
              }
            : old,
        );
      },
    }),
  );
  const [status, setStatus] = useState<SaveStatus>({ state: "idle" });
  const [pendingCodes, setPendingCodes] = useState<string[]>([]);
  // Bumped after a save ends, so that changes made during it are scheduled too.
  const [round, setRound] = useState(0);
  const formRef = useRef(form);
  useEffect(() => {
    formRef.current = form;
  }, [form]);

  const [queue] = useState(() =>
    createSaveQueue({
      initialVersion,
      prepare: (code) => {
        const parsed = parseAnswer(code, formRef.current[code]!);
        return parsed.ok ? parsed.input : null;
      },
      send: ({ expectedVersion, answers }) => saveAnswers({ id: assessmentId, expectedVersion, answers }),
      versionOf: (result) => result.version,
      isFinal: (error) => FINAL_REFUSALS.has(appCodeOf(error) ?? ""),
      onEvent: (event) => {
        switch (event.type) {
          case "pending":
            return setPendingCodes(event.codes);
          case "saving":
            return setStatus({ state: "saving" });
          case "saved":
            setStatus({ state: "saved", at: event.result.updatedAt });
            return setRound((r) => r + 1);
          case "failed": {
            const code = appCodeOf(event.error);
            const error = event.error;
            if (code === "assessments.version_conflict") setStatus({ state: "conflict", error });
            else if (code === "assessments.not_editable") setStatus({ state: "locked", error });
            else setStatus({ state: "failed", error });
            return setRound((r) => r + 1);
          }
        }
      },
    }),
  );

  const blocked = status.state === "conflict" || status.state === "locked";

  const markChanged = useCallback(
    (code: string) => {
      queue.change(code);
      // A new change is a new attempt after a failed save (a conflict still needs a reload).
      setStatus((current) => (current.state === "failed" ? { state: "idle" } : current));
    },
    [queue],
  );

  useEffect(() => {
    if (blocked || status.state === "failed" || status.state === "saving" || pendingCodes.length === 0)
      return;
    // `void` here and below: flush() never rejects, a failed save becomes the queue's "failed" event.
    const timer = setTimeout(() => void queue.flush(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [form, pendingCodes, round, blocked, status.state, queue]);

  // Hidden page: send now, the person may not come back (closing the tab or the phone's browser).
  // Form closed inside the app (a link, the back button): send what the timer was waiting for.
  // The queue sends nothing twice and nothing after a conflict or a lock.
  useEffect(() => {
    const onVisibilityChange = () => {
      if (document.visibilityState === "hidden") void queue.flush();
    };
    document.addEventListener("visibilitychange", onVisibilityChange);
    return () => {
      document.removeEventListener("visibilitychange", onVisibilityChange);
      void queue.flush();
    };
  }, [queue]);

  // Leaving with unsaved answers: the browser asks first.
  useEffect(() => {
    if (pendingCodes.length === 0) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [pendingCodes.length]);

  const retry = useCallback(() => {
    setStatus({ state: "idle" });
  }, []);

  /** Before reloading the form from the server: what is pending is dropped, not sent. */
  const discard = useCallback(() => queue.discard(), [queue]);

  return {
    status,
    /** Questions changed since the last successful save (including ones held back as invalid). */
    pendingCodes,
    markChanged,
    retry,
    discard,
    version: () => queue.version(),
    saving: status.state === "saving",
  };
}
