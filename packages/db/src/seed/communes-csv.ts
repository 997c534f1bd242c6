export interface CommuneRow {
  cut: string;
  name: string;
  provinceCode: string;
  province: string;
  regionCode: string;
  region: string;
  regionIso: string;
  population: number;
}

const HEADER = "cut,name,province_code,province,region_code,region,region_iso,population_2020";

/** The CSV has no quoted fields (names carry accents, not commas); fail loudly if that changes. */
export function parseCommunesCsv(text: string): CommuneRow[] {
  const [header, ...lines] = text.trim().split(/\r?\n/);
  if (header !== HEADER) throw new Error(`Unexpected header in communes CSV: ${header}`);
  return lines.map((line, index) => {
    const cells = line.split(",");
    if (cells.length !== 8) throw new Error(`Line ${index + 2}: expected 8 fields, got ${cells.length}`);
    const [cut, name, provinceCode, province, regionCode, region, regionIso, population] = cells as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (!/^\d{5}$/.test(cut)) throw new Error(`Line ${index + 2}: invalid CUT ${cut}`);
    const count = Number(population);
    if (!Number.isInteger(count) || count <= 0) throw new Error(`Line ${index + 2}: invalid population`);
    return { cut, name, provinceCode, province, regionCode, region, regionIso, population: count };
  });
}
