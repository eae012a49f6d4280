// What notebooks import: `import { show, table, tex } from "./lib/notebook"`.
export * from "./figure";
export * from "./display";
export { chartHtml, type ChartHtmlOptions } from "./chart-html";
export { tableHtml, formatNumber, escapeHtml, type TableCell, type TableOptions } from "./html";
export { matrixTex, expressionTex, numberTex, displayMath } from "./tex";
export { graphFigure, networkGraphFigure, computationalGraphFigure, type GraphNode, type GraphEdge, type GraphFigureOptions } from "./graph-figure";
export * from "./figures-training";
