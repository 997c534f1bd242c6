import { z } from "zod";
import { POPULATION_BANDS } from "../format";
import { zPeriod } from "../progress/periods";
import { zUuid } from "./common";

/**
 * Inputs of the comparisons: a coordinator's views of a coalition (progress.*, peerGroups.*) and
 * a commune's view of itself among its peers (progress.my*). Coordinator inputs carry no
 * coalitionId here: the coordinator procedure adds and checks it.
 */

const text = (max: number) => z.string().trim().max(max);

/**
 * Which members of the coalition a coordinator's view covers:
 * - "coalition": every member (groupKey ignored);
 * - "region": members of the region whose code is groupKey ("04"); without groupKey, every
 *   member (each row carries regionCode, so the dashboard groups them itself);
 * - "band": members of the population band groupKey ("50k-100k", see POPULATION_BANDS);
 *   without groupKey, every member (rows carry band);
 * - "custom": members of the coordinator's peer group whose id is groupKey (required).
 */
export const COMPARISON_GROUPS = ["coalition", "region", "band", "custom"] as const;
export type ComparisonGroup = (typeof COMPARISON_GROUPS)[number];

const BAND_CODES = POPULATION_BANDS.map((b) => b.code) as string[];

const groupFields = {
  group: z.enum(COMPARISON_GROUPS).default("coalition"),
  groupKey: z.string().trim().min(1).max(64).optional(),
};

function checkGroupKey(
  value: { group: ComparisonGroup; groupKey?: string | undefined },
  ctx: z.RefinementCtx,
) {
  const { group, groupKey } = value;
  const fail = (message: string) => ctx.addIssue({ code: "custom", path: ["groupKey"], message });
  if (group === "custom") {
    if (groupKey === undefined || !zUuid.safeParse(groupKey).success) fail("A custom group needs its id");
  } else if (group === "region" && groupKey !== undefined) {
    if (!/^[0-9A-Za-z]{1,10}$/.test(groupKey)) fail("Not a region code");
  } else if (group === "band" && groupKey !== undefined) {
    if (!BAND_CODES.includes(groupKey)) fail(`A band is one of ${BAND_CODES.join(", ")}`);
  }
}

/** The group part of an input, after validation. */
export type GroupSelection = { group?: ComparisonGroup | undefined; groupKey?: string | undefined };

export const zOverviewInput = z
  .object({ period: zPeriod.optional(), ...groupFields })
  .superRefine(checkGroupKey);

export const zCommuneProfileInput = z.object({ communeId: zUuid });

export const zPairingInput = z.object({ communeId: zUuid });

export const zIndicatorTrendInput = z
  .object({ indicatorId: zUuid, ...groupFields })
  .superRefine(checkGroupKey);

export const CSV_TABLES = ["overview", "heatmap", "indicator", "milestones", "useCases"] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

export const zExportCsvInput = z
  .object({
    table: z.enum(CSV_TABLES),
    period: zPeriod.optional(),
    indicatorId: zUuid.optional(),
    ...groupFields,
  })
  .superRefine((value, ctx) => {
    checkGroupKey(value, ctx);
    if (value.table === "indicator" && value.indicatorId === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["indicatorId"],
        message: "The indicator table needs an indicator",
      });
    }
  });

// Peer groups (a coordinator's own comparison groups inside the coalition).
const zGroupName = text(120).min(2);
const zGroupDescription = text(1000);
const zCommuneIds = z.array(zUuid).min(1).max(400);

export const zCreatePeerGroupInput = z.object({
  name: zGroupName,
  description: zGroupDescription.default(""),
  communeIds: zCommuneIds,
});

export const zUpdatePeerGroupInput = z.object({
  groupId: zUuid,
  name: zGroupName.optional(),
  description: zGroupDescription.optional(),
  communeIds: zCommuneIds.optional(),
});

export const zPeerGroupIdInput = z.object({ groupId: zUuid });

/**
 * A commune's peers, as the database's peer functions name them: the whole coalition, the
 * commune's own region or population band, or the id of a custom group it belongs to.
 */
export const zOwnGroup = z.union([z.enum(["coalition", "region", "band"]), zUuid]);
export type OwnGroup = z.infer<typeof zOwnGroup>;

export const zMyComparisonInput = z.object({ coalitionId: zUuid, group: zOwnGroup.default("coalition") });

export const zMyIndicatorComparisonInput = z.object({
  coalitionId: zUuid,
  indicatorId: zUuid,
  group: zOwnGroup.default("coalition"),
});
