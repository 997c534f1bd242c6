import { useId, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface Props {
  title: string;
  /** One sentence that says what the chart shows, read instead of the drawing. */
  summary: string;
  chart: ReactNode;
  table: ReactNode;
}

/**
 * A chart with its data table. The drawing is hidden from assistive technology (its summary is
 * read instead); the table is always in the page for screen readers and shown on request, or
 * when printing, for everyone else.
 */
export function ChartFigure({ title, summary, chart, table }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [showTable, setShowTable] = useState(false);
  return (
    <figure className="chart-figure" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart-title">
        {title}
      </figcaption>
      <div role="img" aria-label={summary} className="chart-canvas">
        <div aria-hidden="true">{chart}</div>
      </div>
      <button
        type="button"
        className="button secondary chart-toggle no-print"
        aria-expanded={showTable}
        aria-controls={`${id}-table`}
        onClick={() => setShowTable((v) => !v)}
      >
        {showTable ? t("charts.hideTable") : t("charts.showTable")}
      </button>
      <div
        id={`${id}-table`}
        className={showTable ? "chart-table" : "chart-table visually-hidden print-visible"}
      >
        {table}
      </div>
    </figure>
  );
}
