/** LaTeX builders for formulas and matrices (pure: they return TeX, tslab displays it). */
import { parse } from "mathjs";
import { isMatrix, type Matrix } from "../matrix";
import { formatNumber } from "./html";

/** A number in TeX: 1.5e-7 becomes 1.5 \times 10^{-7}. */
export function numberTex(x: number, digits = 4): string {
  if (Number.isNaN(x)) return "\\text{NaN}";
  if (!Number.isFinite(x)) return x > 0 ? "\\infty" : "-\\infty";
  const text = formatNumber(x, digits);
  const match = /^(-?[\d.]+)e([+-])(\d+)$/.exec(text);
  if (!match) return text;
  return `${match[1]} \\times 10^{${match[2] === "-" ? "-" : ""}${match[3]}}`;
}

/** A matrix (or nested arrays of numbers) as a bmatrix. */
export function matrixTex(m: Matrix | readonly (readonly number[])[], digits = 4): string {
  const rows: number[][] = [];
  if (isMatrix(m)) {
    for (let i = 0; i < m.rows; i++) rows.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  } else {
    for (const row of m) rows.push(row.slice());
  }
  const body = rows.map((row) => row.map((x) => numberTex(x, digits)).join(" & ")).join(" \\\\ ");
  return `\\begin{bmatrix} ${body} \\end{bmatrix}`;
}

/** A math expression written as code ("1 / (1 + e^(-z))") as TeX, via mathjs. */
export function expressionTex(expression: string): string {
  return parse(expression).toTex({ parenthesis: "auto", implicit: "hide" });
}

/** TeX wrapped for display as an equation block (what Jupyter's text/latex renderer expects). */
export function displayMath(body: string): string {
  return `$$${body}$$`;
}
