import { can } from "@ciar/domain/permissions";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorNotice, Loading } from "../../components/StatusMessages";
import { useCommune } from "../../lib/commune";
import { useCommuneTRPC } from "../../lib/trpc";
import { DiscussionThread } from "./DiscussionThread";
import { PostMessageForm } from "./PostMessageForm";
import type { UseCase } from "./UseCasePage";

/** Questions and comments between communes, with one level of replies and accepted answers. */
export function DiscussionSection({ useCase }: { useCase: UseCase }) {
  const { t } = useTranslation();
  const commune = useCommune();
  const trpc = useCommuneTRPC();
  const discussion = useQuery(trpc.discussion.list.queryOptions({ id: useCase.id }));
  const mayPost = can(commune.role, "discussion.post");
  // Accepting speaks for the owner commune: its admins, on its own case.
  const mayAccept = useCase.isOwn && can(commune.role, "discussion.accept");

  return (
    <section className="section" aria-labelledby="uc-discussion">
      <h2 id="uc-discussion">{t("discussion.heading")}</h2>
      {discussion.isPending ? (
        <Loading />
      ) : discussion.isError ? (
        <ErrorNotice error={discussion.error} onRetry={() => void discussion.refetch()} />
      ) : discussion.data.threads.length === 0 ? (
        <EmptyState title={t("discussion.empty")} />
      ) : (
        <ol className="threads">
          {discussion.data.threads.map((thread) => (
            <DiscussionThread
              key={thread.id}
              useCaseId={useCase.id}
              thread={thread}
              mayReply={mayPost}
              mayAccept={mayAccept}
            />
          ))}
        </ol>
      )}
      {mayPost && <PostMessageForm useCaseId={useCase.id} />}
    </section>
  );
}
