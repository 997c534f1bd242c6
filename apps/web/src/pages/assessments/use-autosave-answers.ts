import type { AnswerInput } from "@ciar/domain/schemas/assessments";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { appCodeOf } from "../../lib/api-errors";
import { useCommuneTRPC } from "../../lib/trpc";
import { mergeSaved, parseAnswer, type AnswersForm } from "./answers-form";

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

/**
 * Saves the changed answers to the server a moment after each change, one request at a time,
 * with the version the form last saw. Answers the schema refuses (a bad link) wait until fixed.
 * Each question's change has a revision number: a question edited again while its previous
 * value was being sent stays pending.
 */
export function useAutosaveAnswers(assessmentId: string, initialVersion: number, form: AnswersForm) {
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  // mutateAsync is stable across renders, so the autosave timer is not reset by unrelated renders.
  const { mutateAsync: saveAnswers } = useMutation(trpc.assessments.saveAnswers.mutationOptions());
  const version = useRef(initialVersion);
  const pending = useRef(new Map<string, number>());
  const inFlight = useRef(false);
  const [status, setStatus] = useState<SaveStatus>({ state: "idle" });
  const [pendingCodes, setPendingCodes] = useState<string[]>([]);
  // Bumped after a save ends, so that changes made during it are scheduled too.
  const [round, setRound] = useState(0);
  const formRef = useRef(form);
  useEffect(() => {
    formRef.current = form;
  }, [form]);

  const blocked = status.state === "conflict" || status.state === "locked";

  const markChanged = useCallback((code: string) => {
    pending.current.set(code, (pending.current.get(code) ?? 0) + 1);
    setPendingCodes([...pending.current.keys()]);
    // A new change is a new attempt after a failed save (a conflict still needs a reload).
    setStatus((current) => (current.state === "failed" ? { state: "idle" } : current));
  }, []);

  const flush = useCallback(async () => {
    if (inFlight.current || pending.current.size === 0) return;
    const sent = new Map(pending.current);
    const answers: AnswerInput[] = [];
    for (const code of sent.keys()) {
      const parsed = parseAnswer(code, formRef.current[code]!);
      if (parsed.ok) answers.push(parsed.input);
    }
    if (answers.length === 0) return;
    inFlight.current = true;
    setStatus({ state: "saving" });
    try {
      const result = await saveAnswers({
        id: assessmentId,
        expectedVersion: version.current,
        answers,
      });
      version.current = result.version;
      for (const answer of answers) {
        const code = answer.questionCode;
        if (pending.current.get(code) === sent.get(code)) pending.current.delete(code);
      }
      setPendingCodes([...pending.current.keys()]);
      // Keep the cached assessment equal to the server's, so reopening the page starts from
      // this version instead of a stale one (which would only produce a false conflict).
      queryClient.setQueryData(trpc.assessments.get.queryKey({ id: assessmentId }), (old) =>
        old
          ? {
              ...old,
              assessment: { ...old.assessment, version: result.version, updatedAt: result.updatedAt },
              answers: mergeSaved(old.answers, answers, result.updatedAt),
            }
          : old,
      );
      setStatus({ state: "saved", at: result.updatedAt });
    } catch (error) {
      const code = appCodeOf(error);
      if (code === "assessments.version_conflict") setStatus({ state: "conflict", error });
      else if (code === "assessments.not_editable") setStatus({ state: "locked", error });
      else setStatus({ state: "failed", error });
    } finally {
      inFlight.current = false;
      setRound((r) => r + 1);
    }
  }, [assessmentId, queryClient, saveAnswers, trpc]);

  useEffect(() => {
    if (blocked || status.state === "failed" || pendingCodes.length === 0) return;
    const timer = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [form, pendingCodes, round, blocked, status.state, flush]);

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

  return {
    status,
    /** Questions changed since the last successful save (including ones held back as invalid). */
    pendingCodes,
    markChanged,
    retry,
    version: () => version.current,
    saving: status.state === "saving",
  };
}
