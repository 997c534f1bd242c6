import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { SelectField } from "../../../components/Field";
import { ErrorNotice, Loading } from "../../../components/StatusMessages";
import { useCommune } from "../../../lib/commune";
import { useCommuneTRPC } from "../../../lib/trpc";

interface Props {
  value: string;
  onChange: (useCaseId: string) => void;
  errors: string[] | undefined;
  /** The title of the use case already chosen, shown even before its page of the list is loaded. */
  currentTitle?: string | null;
}

/** One of the commune's own use cases (every state): the module is its running service. */
export function UseCaseSelect({ value, onChange, errors, currentTitle }: Props) {
  const { t } = useTranslation();
  const commune = useCommune();
  const trpc = useCommuneTRPC();
  const mine = useInfiniteQuery(
    trpc.useCases.mine.infiniteQueryOptions({ limit: 100 }, { getNextPageParam: (page) => page.nextCursor }),
  );
  if (mine.isPending) return <Loading label={t("moduleEditor.loadingUseCases")} />;
  if (mine.isError) return <ErrorNotice error={mine.error} onRetry={() => void mine.refetch()} />;
  const useCases = mine.data.pages.flatMap((page) => page.items);
  if (useCases.length === 0 && !value) {
    return (
      <div className="notice" role="status">
        <p>{t("moduleEditor.noUseCases")}</p>
        <p>
          <Link to={`/c/${commune.code}/casos/nuevo`}>{t("moduleEditor.newUseCase")}</Link>
        </p>
      </div>
    );
  }
  const listed = useCases.some((u) => u.id === value);
  return (
    <>
      <SelectField
        label={t("moduleEditor.useCase")}
        hint={t("moduleEditor.useCaseHint")}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        errors={errors}
      >
        <option value="">{t("moduleEditor.chooseUseCase")}</option>
        {value && !listed && <option value={value}>{currentTitle ?? value}</option>}
        {useCases.map((u) => (
          <option key={u.id} value={u.id}>
            {u.title}
          </option>
        ))}
      </SelectField>
      {mine.hasNextPage && (
        <button
          type="button"
          className="button secondary"
          disabled={mine.isFetchingNextPage}
          onClick={() => void mine.fetchNextPage()}
        >
          {mine.isFetchingNextPage ? t("common.loading") : t("moduleEditor.moreUseCases")}
        </button>
      )}
    </>
  );
}
