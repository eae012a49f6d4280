/** Small HTML builders for notebook outputs (pure: they return strings, tslab displays them). */
import { isMatrix, type Matrix } from "../matrix";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A number as a short readable string: integers as they are, others with `digits` significant digits. */
export function formatNumber(x: number, digits = 4): string {
  if (Number.isInteger(x) || !Number.isFinite(x)) return String(x);
  return String(Number(x.toPrecision(digits)));
}

export type TableCell = string | number | boolean | null | undefined;

export interface TableOptions {
  /** Column titles. */
  header?: readonly string[];
  /** A title for each row, shown in a first column (e.g. the row index or the example's name). */
  rowHeader?: readonly string[];
  caption?: string;
  /** Significant digits of non-integer numbers (default 4). */
  digits?: number;
}

function cellHtml(value: TableCell, digits: number): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return escapeHtml(formatNumber(value, digits));
  return escapeHtml(String(value));
}

/** Rows of a Matrix, or the nested arrays as given. */
function rowsOf(rows: Matrix | readonly (readonly TableCell[])[]): TableCell[][] {
  if (!isMatrix(rows)) return rows.map((row) => row.slice());
  const out: TableCell[][] = [];
  for (let i = 0; i < rows.rows; i++) out.push(Array.from(rows.data.subarray(i * rows.cols, (i + 1) * rows.cols)));
  return out;
}

/** An HTML table of a matrix or of rows of values (truth tables, examples, results). */
export function tableHtml(rows: Matrix | readonly (readonly TableCell[])[], options: TableOptions = {}): string {
  const digits = options.digits ?? 4;
  const right = 'style="text-align:right"';
  const parts = ['<table class="mlp-table">'];
  if (options.caption !== undefined) parts.push(`<caption>${escapeHtml(options.caption)}</caption>`);
  if (options.header) {
    const corner = options.rowHeader ? "<th></th>" : "";
    parts.push(`<thead><tr>${corner}${options.header.map((h) => `<th ${right}>${escapeHtml(h)}</th>`).join("")}</tr></thead>`);
  }
  parts.push("<tbody>");
  rowsOf(rows).forEach((row, i) => {
    const title = options.rowHeader ? `<th>${escapeHtml(options.rowHeader[i] ?? "")}</th>` : "";
    parts.push(`<tr>${title}${row.map((v) => `<td ${right}>${cellHtml(v, digits)}</td>`).join("")}</tr>`);
  });
  parts.push("</tbody></table>");
  return parts.join("");
}
