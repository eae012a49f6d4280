/**
 * The CSV files an instructor writes (submission times, overrides) and the gradebook the grader
 * writes: comma-separated, fields with commas, quotes or line breaks in double quotes ("" for a
 * quote), as spreadsheets export them.
 */

export class CsvError extends Error {}

export interface CsvRow {
  /** The line the row starts on, counting the header as line 1. */
  readonly line: number;
  readonly fields: Readonly<Record<string, string>>;
}

/** Splits CSV text into records of fields; a blank line is no record. */
function records(text: string, file: string): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  let cells: string[] = [], cell = "", quoted = false, line = 1, start = 1, k = 0;
  const src = text.replace(/^\uFEFF/, "");
  const endRecord = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0].trim() !== "") out.push({ line: start, cells });
    cells = [];
    cell = "";
  };
  while (k < src.length) {
    const c = src[k];
    if (quoted) {
      if (c === '"' && src[k + 1] === '"') { cell += '"'; k += 2; continue; }
      if (c === '"') { quoted = false; k++; continue; }
      if (c === "\n") line++;
      cell += c;
      k++;
      continue;
    }
    if (c === '"' && cell.trim() === "") { quoted = true; cell = ""; k++; continue; }
    if (c === ",") { cells.push(cell); cell = ""; k++; continue; }
    if (c === "\r" && src[k + 1] === "\n") { k++; continue; }
    if (c === "\n") { endRecord(); line++; start = line; k++; continue; }
    cell += c;
    k++;
  }
  if (quoted) throw new CsvError(`${file}:${start}: a quoted field is not closed`);
  if (cell !== "" || cells.length > 0) endRecord();
  return out;
}

/**
 * The rows of a CSV file with a header line, each a record keyed by the header's names
 * (trimmed, lower case). `required` columns must be present; other columns are refused unless
 * listed in `optional`, so that a misspelt header is an error rather than a silently empty column.
 */
export function parseCsv(text: string, file: string, required: readonly string[], optional: readonly string[] = []): CsvRow[] {
  const all = records(text, file);
  if (all.length === 0) throw new CsvError(`${file} is empty: its first line must name the columns ${required.join(",")}`);
  const header = all[0].cells.map((h) => h.trim().toLowerCase());
  for (const name of required) {
    if (!header.includes(name)) throw new CsvError(`${file}:1: the header must name the columns ${required.join(",")} (got ${all[0].cells.join(",")})`);
  }
  for (const name of header) {
    if (![...required, ...optional].includes(name)) throw new CsvError(`${file}:1: unknown column ${JSON.stringify(name)} (the columns are ${[...required, ...optional].join(", ")})`);
  }
  return all.slice(1).map(({ line, cells }) => {
    if (cells.length > header.length) throw new CsvError(`${file}:${line}: ${cells.length} fields, but the header names ${header.length} columns (a comma in a field needs "double quotes")`);
    return { line, fields: Object.fromEntries(header.map((h, i) => [h, (cells[i] ?? "").trim()])) };
  });
}

/** One field of a CSV file this grader writes. */
export function csvField(v: string | number): string {
  let s = String(v);
  // A name starting with = + - @ would run as a formula in a spreadsheet (a number is a number).
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
