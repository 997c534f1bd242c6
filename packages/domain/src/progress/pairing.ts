/**
 * Peer learning: point a commune to its weakest dimension and to the communes that do best
 * there, so that it knows whom to ask. Pure ranking; who counts as a peer is decided before.
 */

/**
 * Code of the dimension with the lowest score, ignoring unscored ones; on a tie the first in
 * the order given (framework order), so that the suggestion does not flip between loads.
 */
export function weakestDimension(
  dimensions: ReadonlyArray<{ code: string; score: number | null }>,
): string | null {
  let weakest: { code: string; score: number } | null = null;
  for (const { code, score } of dimensions) {
    if (score === null) continue;
    if (weakest === null || score < weakest.score) weakest = { code, score };
  }
  return weakest?.code ?? null;
}

/** A missing key or an undefined or null value all mean "no score in that dimension". */
export type PeerScores = { communeId: string; scores: Readonly<Record<string, number | null | undefined>> };

/**
 * The peers scoring highest in `dimension`, best first, at most `limit`. Peers without a score
 * there are left out; ties are ordered by communeId so that the list is stable. With
 * `minScore` (the asking commune's own score), only peers strictly above it are kept, which
 * also drops the commune itself if it is in the list; null means no threshold.
 */
export function strongestPeers<P extends PeerScores>(
  peers: readonly P[],
  dimension: string,
  limit = 3,
  minScore?: number | null,
): P[] {
  if (!Number.isInteger(limit) || limit < 0)
    throw new RangeError(`Limit must be a whole number, got ${limit}`);
  const scoreOf = (peer: P): number | null =>
    Object.hasOwn(peer.scores, dimension) ? (peer.scores[dimension] ?? null) : null;
  return peers
    .map((peer) => ({ peer, score: scoreOf(peer) }))
    .filter((x): x is { peer: P; score: number } => x.score !== null)
    .filter((x) => minScore === undefined || minScore === null || x.score > minScore)
    .sort((a, b) => b.score - a.score || compareText(a.peer.communeId, b.peer.communeId))
    .slice(0, limit)
    .map((x) => x.peer);
}

// Code-unit order, not localeCompare: the same on every server and browser.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
