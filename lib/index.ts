// The one public entry of the library: notebooks import from "./lib", exercises and tests from
// "../lib". Listed name by name, so autocompletion shows the course's API and nothing internal
// (the unchecked fast paths, the argument checkers, the kernel implementations).

// Errors and matrices
export { InputError } from "./errors";
export { column, copy, get, isMatrix, matrix, row, selectRows, shapeOf, toArray, toMatrix, toVector, transpose, zeros, type Matrix, type MatrixLike, type Vector, type VectorLike } from "./matrix";
// The speed seam: swap the few hot matrix operations (lib/kernels.ts; the implementations register from lib/backends/).
export { affine, affineBackward, columnSums, getKernels, matmul, matmulTransA, setKernels, type Kernels } from "./backends";
export { createRandom, type Random } from "./random";

// Building blocks: activations, losses, penalties, initializers
export {
  ACTIVATION_NAMES, activation, elu, eluPrime, identity, identityPrime, leakyRelu, leakyReluPrime, relu, reluPrime, sigmoid,
  sigmoidPrime, softmax, softmaxJacobian, softmaxJvp, step, stepPrime, tanh, tanhPrime,
  type Activation, type ActivationName, type ActivationSpec, type ElementwiseActivation,
} from "./activations";
export { LOSS_NAMES, loss, type Loss, type LossName } from "./losses";
export { penalty, softThreshold, type Regularization } from "./regularization";
export { INIT_NAMES, initializer, type InitSpec } from "./init";

// Networks, forward and backward
export {
  createNetwork, networkFromThetas, networkFromWeights, parameterCount, parametersOf, thetaToWeights, toThetas, weightsToTheta, withParameters,
  type ActivationOptions, type Layer, type Network, type NetworkOptions, type Parameters,
} from "./network";
export { classify, decideClasses, exampleTrace, forward, predict, thetaWeight, unitActivation, unitInput, type ForwardTrace } from "./forward";
export { cost, type Cost, type CostOptions } from "./cost";
export { backprop, type BackpropResult, type Gradients } from "./backprop";
export { backpropPerExample, type PerExampleResult } from "./backprop-per-example";
export { BUG_KINDS, SUSPECT_NAMES, backpropSuspects, type BugKind, type SuspectName, type ThetaGradients } from "./backprop-suspects";
export { backpropWithRules, numericThetaGradients, relativeDifference, thetaCost, type BackpropRules } from "./backprop-variants";
export { gradientCheck, numericGradients, type GradientCheckEntry, type GradientCheckOptions, type GradientCheckResult } from "./gradcheck";
export { gradientStep, type LearningRates } from "./descent";
export { centralDifference, forwardDifference } from "./finite-differences";
export { evaluateGraph, sigmoidNeuronGates, type EvaluatedGate, type GateOp, type GateSpec } from "./computational-graph";
export { fromMathjs, toMathjs } from "./mathjs-interop";
export { checkDerivative, differentiate, type Derivative, type DerivativeCheck, type DerivativeCheckOptions, type DerivativeCheckPoint } from "./symbolic";

// Training
export {
  TrainingDivergedError, adagrad, constantRate, evaluate, gridSearch, heatmapTable, inverseSqrtDecay, inverseTimeDecay, polynomialDecay, sgd, train, tuneOneAtATime,
  type BatchRecord, type CoordinateSearchResult, type EpochRecord, type Evaluation, type Grid, type GridPoint, type GridRow, type GridSearchOptions,
  type GridSearchResult, type Optimizer, type OptimizerStep, type ParamValue, type Schedule, type StopReason, type TrainOptions, type TrainResult,
} from "./train";

// Data sets and metrics
export {
  DIGIT_PIXELS, DIGIT_SIDE, GATE_NAMES, IRIS_FEATURE_NAMES, REGRESSION_TARGETS, REGRESSION_TARGET_NAMES, SCALING_METHODS,
  applyScaler, argmaxRows, fitScaler, loadDigits, loadIris, makeBlobs, makeCircle, makeLogicGate, makeRegression, makeSpirals, makeXorQuadrants,
  oneHot, selectExamples, splitDataset, splitIndices, toLabels,
  type BlobsOptions, type CircleOptions, type ClassificationDataset, type Dataset, type DigitsOptions, type DigitsSplit, type GateName, type GateOptions,
  type IndicesLike, type LabelsLike, type PlanarOptions, type RegressionOptions, type RegressionTarget, type RegressionTargetName, type Scaler,
  type ScalingMethod, type SpiralsOptions, type Split, type SplitIndices, type SplitOptions, type SplitSizes, type XorOptions,
} from "./data";
export { accuracy, confusionMatrix, precisionPerClass, recallPerClass } from "./metrics";

// What the lecture notebooks look at
export { decisionLine, perceptronOutput, perceptronStep, trainPerceptron, type PerceptronEpoch, type PerceptronOptions, type PerceptronRun } from "./perceptron";
export { perceptronPath } from "./perceptron";
export { decisionGrid, type DecisionGrid, type GridOptions } from "./decision-regions";
export { unitGrid } from "./decision-regions";
export { monomialCount } from "./features";
export { confidentMistakes, tileImages, type ConfidentMistake, type TileOptions } from "./images";
export { deepNetworkStatistics, gradientNorms, layerStatistics, standardNormalBatch, type DeepNetworkOptions, type LayerStatistics } from "./layer-statistics";
export { unitSpread, weightHistory, type WeightHistoryOptions } from "./symmetry";
