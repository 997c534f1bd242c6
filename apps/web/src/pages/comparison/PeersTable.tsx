import { useTranslation } from "react-i18next";
import { formatScore } from "../../lib/format-score";
import { useProgressLabels } from "../../lib/progress-labels";
import type { RouterOutputs } from "../../lib/trpc";
import { useLocale } from "../../lib/use-locale";

type Peers = RouterOutputs["progress"]["myComparison"]["peers"];

/**
 * Individual peers' latest counted index, only when the coalition chose to share results;
 * otherwise a sentence saying why there are only aggregates.
 */
export function PeersTable({ peers, shareResults }: { peers: Peers; shareResults: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useProgressLabels();
  if (!shareResults || peers === null) {
    return (
      <section className="section" aria-labelledby="comparison-peers">
        <h2 id="comparison-peers">{t("comparison.peers")}</h2>
        <p className="muted">{t("comparison.notShared")}</p>
      </section>
    );
  }
  // The latest counted quarter of each peer.
  const latest = new Map<string, (typeof peers)[number]>();
  for (const row of peers) {
    const current = latest.get(row.communeId);
    if (!current || current.period < row.period) latest.set(row.communeId, row);
  }
  const rows = [...latest.values()].sort((a, b) => (b.maturityIndex ?? -1) - (a.maturityIndex ?? -1));
  return (
    <section className="section" aria-labelledby="comparison-peers">
      <h2 id="comparison-peers">{t("comparison.peers")}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t("comparison.noPeers")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("comparison.peers")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("review.commune")}</th>
                <th scope="col">{t("assessments.period")}</th>
                <th scope="col">{t("assessments.index")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.communeId}>
                  <th scope="row">{p.name}</th>
                  <td>{labels.period(p.period)}</td>
                  <td>{p.maturityIndex === null ? "—" : formatScore(p.maturityIndex, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
