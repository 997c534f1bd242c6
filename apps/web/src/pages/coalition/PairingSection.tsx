import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ErrorNotice, Loading } from "../../components/StatusMessages";
import { useCoalition } from "../../lib/coalition";
import { formatScore } from "../../lib/format-score";
import { useProgressLabels } from "../../lib/progress-labels";
import { useAccountTRPC } from "../../lib/trpc";
import { useLocale } from "../../lib/use-locale";
import { UseCaseList } from "./SharedUseCases";

/**
 * "Con quién emparejar": the commune's weakest dimension in its latest counted assessment, and
 * the coalition members that score highest there (strictly above it), with their use cases.
 */
export function PairingSection({
  communeId,
  dimensionTitle,
}: {
  communeId: string;
  dimensionTitle: (code: string) => string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const coalition = useCoalition();
  const labels = useProgressLabels();
  const trpc = useAccountTRPC();
  const pairing = useQuery(trpc.progress.pairing.queryOptions({ coalitionId: coalition.id, communeId }));
  return (
    <section className="section" aria-labelledby="profile-pairing">
      <h2 id="profile-pairing">{t("pairing.heading")}</h2>
      {pairing.isPending ? (
        <Loading />
      ) : pairing.isError ? (
        <ErrorNotice error={pairing.error} onRetry={() => void pairing.refetch()} />
      ) : !pairing.data.weakestDimension || !pairing.data.period ? (
        <p className="muted">{t("pairing.noData")}</p>
      ) : (
        <>
          <p>
            {t("pairing.weakest", {
              dimension: dimensionTitle(pairing.data.weakestDimension),
              score: pairing.data.ownScore === null ? "—" : formatScore(pairing.data.ownScore, locale),
              period: labels.period(pairing.data.period),
            })}
          </p>
          {pairing.data.peers.length === 0 ? (
            <p className="muted">{t("pairing.noPeers")}</p>
          ) : (
            <ol className="pairing-list">
              {pairing.data.peers.map((peer) => (
                <li key={peer.communeId} className="card">
                  <h3>
                    {peer.name}{" "}
                    <span className="muted">
                      {t("pairing.peerScore", { score: formatScore(peer.score, locale) })}
                    </span>
                  </h3>
                  <p className="muted">
                    {peer.region} · {labels.band(peer.band)}
                  </p>
                  {peer.useCases.length === 0 ? (
                    <p className="muted">{t("pairing.noUseCases")}</p>
                  ) : (
                    <UseCaseList useCases={peer.useCases} />
                  )}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
