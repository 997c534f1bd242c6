import { zPostCommentInput } from "@ciar/domain/schemas/use-cases";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { SelectField, TextAreaField } from "../../components/Field";
import { ErrorNotice } from "../../components/StatusMessages";
import { serverFieldErrors, type FieldErrors } from "../../lib/api-errors";
import { useCommuneTRPC } from "../../lib/trpc";
import { mergeFieldErrors, zodFieldErrors } from "../../lib/validation";

/** A new question or comment, or (with parentId) a reply to one. */
export function PostMessageForm({ useCaseId, parentId }: { useCaseId: string; parentId?: string }) {
  const { t } = useTranslation();
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [kind, setKind] = useState<"question" | "comment">("question");
  const [body, setBody] = useState("");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const post = useMutation(
    trpc.discussion.post.mutationOptions({
      onSuccess: () => {
        setBody("");
        return queryClient.invalidateQueries(trpc.discussion.list.pathFilter());
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = zPostCommentInput.safeParse({ useCaseId, kind, body, parentId });
    if (!parsed.success) return setClientErrors(zodFieldErrors(parsed.error, (key, v) => t(key, v)));
    setClientErrors({});
    post.mutate(parsed.data);
  }

  const errors = mergeFieldErrors(clientErrors, serverFieldErrors(post.error));
  return (
    <form className={parentId ? "form reply-form" : "form post-form"} onSubmit={submit} noValidate>
      {!parentId && (
        <SelectField
          label={t("discussion.kind")}
          value={kind}
          onChange={(e) => setKind(e.target.value as "question" | "comment")}
        >
          <option value="question">{t("discussion.question")}</option>
          <option value="comment">{t("discussion.comment")}</option>
        </SelectField>
      )}
      <TextAreaField
        id={`${id}-body`}
        label={parentId ? t("discussion.reply") : t("discussion.message")}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        errors={errors.body}
        rows={parentId ? 2 : 3}
      />
      <button type="submit" className="button secondary" disabled={post.isPending}>
        {post.isPending ? t("common.working") : parentId ? t("discussion.sendReply") : t("discussion.send")}
      </button>
      <p className="field-hint" aria-live="polite">
        {post.isSuccess ? t("discussion.posted") : ""}
      </p>
      {post.isError && !errors.body ? <ErrorNotice error={post.error} /> : null}
    </form>
  );
}
