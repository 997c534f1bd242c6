import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { StageBadge } from "../../components/StageBadge";
import { ErrorNotice, Loading } from "../../components/StatusMessages";
import { useCommune } from "../../lib/commune";
import { caseDetailPath } from "../../lib/commune-paths";
import { useCommuneTRPC } from "../../lib/trpc";
import { buildLineageTree, countNodes, type LineageTreeNode } from "./lineage-tree";

/** Where the case comes from and who reused it, as an indented tree; this case is highlighted. */
export function LineageSection({ id }: { id: string }) {
  const { t } = useTranslation();
  const trpc = useCommuneTRPC();
  const lineage = useQuery(trpc.useCases.lineage.queryOptions({ id }));
  const tree = lineage.data ? buildLineageTree(lineage.data.nodes, lineage.data.rootId) : null;
  return (
    <section className="section" aria-labelledby="uc-lineage">
      <h2 id="uc-lineage">{t("useCase.lineage")}</h2>
      {lineage.isPending ? (
        <Loading />
      ) : lineage.isError ? (
        <ErrorNotice error={lineage.error} onRetry={() => void lineage.refetch()} />
      ) : countNodes(tree) <= 1 ? (
        <p className="muted">{t("useCase.noLineage")}</p>
      ) : (
        <ul className="lineage">{tree && <LineageItem entry={tree} currentId={id} />}</ul>
      )}
    </section>
  );
}

function LineageItem({ entry, currentId }: { entry: LineageTreeNode; currentId: string }) {
  const { t } = useTranslation();
  const commune = useCommune();
  const { node } = entry;
  const current = node.useCaseId === currentId;
  return (
    <li>
      <span className={current ? "lineage-node lineage-current" : "lineage-node"}>
        {current ? (
          <strong aria-current="page">
            {node.communeName} <span className="muted">{t("useCase.thisCase")}</span>
          </strong>
        ) : (
          <Link to={caseDetailPath(commune.code, node.useCaseId)}>{node.communeName}</Link>
        )}{" "}
        <StageBadge stage={node.stage} />
      </span>
      {entry.children.length > 0 && (
        <ul>
          {entry.children.map((child) => (
            <LineageItem key={child.node.useCaseId} entry={child} currentId={currentId} />
          ))}
        </ul>
      )}
    </li>
  );
}
