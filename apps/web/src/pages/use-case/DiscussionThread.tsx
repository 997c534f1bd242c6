import { formatDateTime } from "@ciar/domain/format";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ErrorNotice } from "../../components/StatusMessages";
import { useCommuneTRPC, type RouterOutputs } from "../../lib/trpc";
import { useLocale } from "../../lib/use-locale";
import { PostMessageForm } from "./PostMessageForm";

type Thread = RouterOutputs["discussion"]["list"]["threads"][number];
type Message = Pick<Thread, "authorName" | "communeName" | "createdAt" | "body">;

function Byline({ message }: { message: Message }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <p className="byline">
      {t("discussion.byline", {
        author: message.authorName || t("common.unknownPerson"),
        commune: message.communeName,
        date: formatDateTime(message.createdAt, locale),
      })}
    </p>
  );
}

interface Props {
  useCaseId: string;
  thread: Thread;
  mayReply: boolean;
  mayAccept: boolean;
}

export function DiscussionThread({ useCaseId, thread, mayReply, mayAccept }: Props) {
  const { t } = useTranslation();
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  const accept = useMutation(
    trpc.discussion.acceptAnswer.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.discussion.list.pathFilter()),
    }),
  );
  const question = thread.kind === "question";
  return (
    <li className="thread card">
      <p className="badges">
        <span className="badge">{t(question ? "discussion.question" : "discussion.comment")}</span>
        {question && thread.answered && (
          <span className="badge badge-success">{t("discussion.answered")}</span>
        )}
      </p>
      <p className="prose">{thread.body}</p>
      <Byline message={thread} />
      {thread.replies.length > 0 && (
        <ol className="replies">
          {thread.replies.map((reply) => (
            <li key={reply.id} className={reply.accepted ? "reply reply-accepted" : "reply"}>
              {reply.accepted && <span className="badge badge-success">{t("discussion.accepted")}</span>}
              <p className="prose">{reply.body}</p>
              <Byline message={reply} />
              {mayAccept && question && !reply.accepted && (
                <button
                  type="button"
                  className="button secondary"
                  disabled={accept.isPending}
                  onClick={() => accept.mutate({ answerId: reply.id })}
                >
                  {t("discussion.accept")}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {accept.isError && <ErrorNotice error={accept.error} />}
      {mayReply && <PostMessageForm useCaseId={useCaseId} parentId={thread.id} />}
    </li>
  );
}
