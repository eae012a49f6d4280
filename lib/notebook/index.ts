// What notebooks import: `import { show, table, tex } from "./lib/notebook"`.
export * from "./figure";
export * from "./display";
export { chartHtml, type ChartHtmlOptions } from "./chart-html";
export { tableHtml, formatNumber, escapeHtml, type TableCell, type TableOptions } from "./html";
export { matrixTex, expressionTex, numberTex, displayMath } from "./tex";
export { graphFigure, networkGraphFigure, computationalGraphFigure, type GraphNode, type GraphEdge, type GraphFigureOptions } from "./graph-figure";
export { slidersFigure, sliderFrameName, type SliderAxis, type SliderView } from "./sliders";
export { GATE_INPUTS, gateOutputs, gateSlidersFigure, halfPlaneInBox, lineInBox, mistakesFigure, neuronDiagram, weightPathFigure, type GateSlidersOptions, type NeuronDiagramOptions } from "./figures-perceptron";
export { XOR_LABELS, XOR_POINTS, bumpFigure, hiddenSpaceFigure, sineBumpsFigure, sineBumpsNetwork, sineError, stepSlidersFigure, trainingScrubberFigure, unitHeatmapsFigure, type HiddenSpaceOptions, type StepSlidersOptions, type TrainingSnapshot, type UnitHeatmapsOptions } from "./figures-xor";
export { classOutputsFigure, notationNetworkFigure, unitSweepFigure, type NotationFigureOptions } from "./figures-forward";
export { confidentlyWrongFigure, regularizationPathFigure, type ConfidentlyWrongOptions, type WeightPath } from "./figures-cost";
export { derivativeComparisonFigure, errorCurveFigure, gradientTimingFigure, logLogSlope, logSpacedSteps, measureGradientTimes, stepSizeFigure, type DerivativeWitnesses, type GradientTiming } from "./figures-backprop";
export {
  activationPanelsFigure, classScatterFigure, confusionFigure, imageTilesFigure, layerSpreadFigure, learningRateSelectorFigure, trainingProgressFigure, unitWeightsFigure,
  type ActivationPanel, type ImageTilesOptions, type RateCurve, type RateSelectorOptions, type SpreadFigureOptions, type SpreadSeries, type TrainingProgress, type WeightRun,
} from "./figures-training";
