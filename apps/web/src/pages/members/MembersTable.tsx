import { can } from "@ciar/domain/permissions";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorNotice, Loading } from "../../components/StatusMessages";
import { communeLabel, useCommune } from "../../lib/commune";
import { useCommuneTRPC, type RouterOutputs } from "../../lib/trpc";
import { MemberRow } from "./MemberRow";
import { RemoveMemberDialog } from "./RemoveMemberDialog";
import { SuspendMemberDialog } from "./SuspendMemberDialog";
import { LoadMore } from "../../components/LoadMore";

export type Member = RouterOutputs["members"]["list"]["items"][number];

const PAGE_SIZE = 25;

export function MembersTable({ search }: { search: string }) {
  const { t } = useTranslation();
  const trpc = useCommuneTRPC();
  const commune = useCommune();
  const [removing, setRemoving] = useState<Member | null>(null);
  const [suspending, setSuspending] = useState<{ member: Member; action: "suspend" | "reactivate" } | null>(
    null,
  );
  const members = useInfiniteQuery(
    trpc.members.list.infiniteQueryOptions(
      { limit: PAGE_SIZE, search: search || undefined },
      { getNextPageParam: (page) => page.nextCursor, placeholderData: keepPreviousData },
    ),
  );

  if (members.isPending) return <Loading label={t("members.loading")} />;
  // A failed "load more" keeps the rows already shown; only a failed first page replaces them.
  if (!members.data) return <ErrorNotice error={members.error} onRetry={() => void members.refetch()} />;

  const rows = members.data.pages.flatMap((page) => page.items);
  const total = members.data.pages[0]?.total ?? 0;
  const manage = can(commune.role, "members.updateRole");
  const maySuspend = can(commune.role, "members.suspend");
  return (
    <>
      <p className="result-count" role="status">
        {search ? t("members.countMatching", { count: total, search }) : t("members.count", { count: total })}
      </p>
      {rows.length === 0 ? (
        <EmptyState title={search ? t("members.noMatches") : t("members.empty")} />
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">
              {t("members.caption", { commune: communeLabel(commune) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("members.name")}</th>
                <th scope="col">{t("members.email")}</th>
                <th scope="col">{t("members.role")}</th>
                <th scope="col">{t("members.status")}</th>
                <th scope="col">{t("members.lastSignIn")}</th>
                {manage && <th scope="col">{t("members.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((member) => (
                <MemberRow
                  key={member.userId}
                  member={member}
                  manage={manage}
                  onRemove={() => setRemoving(member)}
                  onSuspend={
                    maySuspend
                      ? () => setSuspending({ member, action: member.suspendedAt ? "reactivate" : "suspend" })
                      : undefined
                  }
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore query={members} />
      {members.isError && <ErrorNotice error={members.error} />}
      {manage && <RemoveMemberDialog member={removing} onClose={() => setRemoving(null)} />}
      {maySuspend && <SuspendMemberDialog target={suspending} onClose={() => setSuspending(null)} />}
    </>
  );
}
