import type { Tx } from "@ciar/db/client";
import { coalitions, communes, roadmapMilestones, useCases } from "@ciar/db/schema";
import { isOverdue, todayIn } from "@ciar/domain/progress/milestones";
import type { CsvTable, GroupSelection } from "@ciar/domain/schemas/comparisons";
import { and, asc, eq, inArray } from "drizzle-orm";
import { currentDimensions, sharedUseCase } from "./counted";
import { groupMembers } from "./group-members";
import { indicatorTrend } from "./indicator-trend";
import { coalitionOverview } from "./overview";
import { toCsv } from "../csv/write-csv";

const STATUS_ES: Record<string, string> = {
  submitted: "enviada",
  validated: "validada",
  planned: "planificado",
  in_progress: "en curso",
  done: "cumplido",
  cancelled: "cancelado",
};
const es = (value: string | null | undefined) => (value ? (STATUS_ES[value] ?? value) : "");

export interface CsvExportInput extends GroupSelection {
  table: CsvTable;
  period?: string | undefined;
  indicatorId?: string | undefined;
}

/**
 * One of the coordinator's tables as CSV, with Spanish headers, for the group's members:
 * overview (index, rank, use cases and adoptions per commune), heatmap (score per dimension),
 * indicator (every value of one indicator), milestones (roadmaps), useCases (shared use cases).
 */
export async function exportCsv(tx: Tx, coalitionId: string, input: CsvExportInput) {
  const [coalition] = await tx
    .select({ slug: coalitions.slug })
    .from(coalitions)
    .where(eq(coalitions.id, coalitionId));
  const slug = coalition?.slug ?? "coalicion";
  const group = { group: input.group, groupKey: input.groupKey };

  switch (input.table) {
    case "overview":
    case "heatmap": {
      const overview = await coalitionOverview(tx, coalitionId, { ...group, period: input.period });
      const period = overview.period ?? "";
      const identity = (c: (typeof overview.communes)[number]) => [
        c.code,
        c.name,
        c.region,
        c.band ?? "",
        period,
      ];
      if (input.table === "overview") {
        return {
          filename: `${slug}-resumen-${period || "sin-datos"}.csv`,
          csv: toCsv(
            [
              "Código CUT",
              "Comuna",
              "Región",
              "Tramo de población",
              "Periodo",
              "Población",
              "Estado de la autoevaluación",
              "Índice de madurez",
              "Posición",
              "Casos de uso compartidos",
              "Adopciones entregadas",
              "Adopciones recibidas",
            ],
            overview.communes.map((c) => [
              ...identity(c),
              c.population,
              es(c.assessmentStatus),
              c.maturityIndex,
              c.rank,
              Object.values(c.useCasesByStage).reduce((a, b) => a + b, 0),
              c.adoptionsGiven,
              c.adoptionsReceived,
            ]),
          ),
        };
      }
      return {
        filename: `${slug}-mapa-de-calor-${period || "sin-datos"}.csv`,
        csv: toCsv(
          [
            "Código CUT",
            "Comuna",
            "Región",
            "Tramo de población",
            "Periodo",
            "Índice de madurez",
            ...overview.dimensions.map((d) => d.title.es),
          ],
          overview.communes.map((c) => [
            ...identity(c),
            c.maturityIndex,
            ...overview.dimensions.map((d) => c.scores?.[d.code]),
          ]),
        ),
      };
    }
    case "indicator": {
      const trend = await indicatorTrend(tx, coalitionId, input.indicatorId!, group);
      const periods = input.period ? trend.periods.filter((p) => p.period === input.period) : trend.periods;
      return {
        filename: `${slug}-indicador-${trend.indicator.code}${input.period ? `-${input.period}` : ""}.csv`,
        csv: toCsv(
          ["Periodo", "Código CUT", "Comuna", "Indicador", "Valor", "Unidad"],
          periods.flatMap((p) =>
            p.values.map((v) => [
              p.period,
              v.code,
              v.name,
              trend.indicator.nameEs,
              v.value,
              trend.indicator.unit,
            ]),
          ),
        ),
      };
    }
    case "milestones": {
      const [members, dimensions] = await Promise.all([
        groupMembers(tx, coalitionId, group),
        currentDimensions(tx),
      ]);
      const dimensionTitle = new Map(dimensions.map((d) => [d.code, d.title.es]));
      const rows =
        members.length === 0
          ? []
          : await tx
              .select({
                code: communes.code,
                commune: communes.name,
                title: roadmapMilestones.title,
                dimensionCode: roadmapMilestones.dimensionCode,
                dueDate: roadmapMilestones.dueDate,
                status: roadmapMilestones.status,
              })
              .from(roadmapMilestones)
              .innerJoin(communes, eq(communes.id, roadmapMilestones.communeId))
              .where(
                inArray(
                  roadmapMilestones.communeId,
                  members.map((m) => m.id),
                ),
              )
              .orderBy(asc(communes.name), asc(roadmapMilestones.dueDate), asc(roadmapMilestones.id));
      const today = todayIn();
      return {
        filename: `${slug}-hitos.csv`,
        csv: toCsv(
          ["Código CUT", "Comuna", "Hito", "Dimensión", "Fecha comprometida", "Estado", "Atrasado"],
          rows.map((r) => [
            r.code,
            r.commune,
            r.title,
            r.dimensionCode === null ? "" : (dimensionTitle.get(r.dimensionCode) ?? r.dimensionCode),
            r.dueDate,
            es(r.status),
            isOverdue(r, today) ? "sí" : "no",
          ]),
        ),
      };
    }
    case "useCases": {
      const members = await groupMembers(tx, coalitionId, group);
      const rows =
        members.length === 0
          ? []
          : await tx
              .select({
                code: communes.code,
                commune: communes.name,
                id: useCases.id,
                title: useCases.title,
                serviceArea: useCases.serviceArea,
                stage: useCases.stage,
                publishedAt: useCases.publishedAt,
              })
              .from(useCases)
              .innerJoin(communes, eq(communes.id, useCases.communeId))
              .where(
                and(
                  sharedUseCase,
                  inArray(
                    useCases.communeId,
                    members.map((m) => m.id),
                  ),
                ),
              )
              .orderBy(asc(communes.name), asc(useCases.title));
      return {
        filename: `${slug}-casos-de-uso.csv`,
        csv: toCsv(
          ["Código CUT", "Comuna", "Caso de uso", "Área de servicio", "Etapa", "Publicado", "Identificador"],
          rows.map((r) => [
            r.code,
            r.commune,
            r.title,
            r.serviceArea,
            r.stage,
            r.publishedAt?.toISOString().slice(0, 10) ?? "",
            r.id,
          ]),
        ),
      };
    }
  }
}
