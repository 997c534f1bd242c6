import { stringify } from "csv-stringify/sync";

export type CsvCell = string | number | null | undefined;

/**
 * The product's one CSV writer (lint forbids csv-stringify elsewhere): a header row, RFC 4180
 * quoting, a BOM so that Excel reads UTF-8, and no formulas, ever: a text cell starting with
 * = + - @ (or a tab or carriage return) gets a leading single quote, so that a use case, commune
 * or milestone named "=HYPERLINK(…)" by one commune stays text in another's spreadsheet.
 * Numbers keep their sign.
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  return stringify([header, ...rows] as CsvCell[][], { bom: true, escape_formulas: true });
}
