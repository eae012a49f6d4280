// What exercise checks (exercises/checks/*.ts), the grader and the notebooks' check cells use.
export { defineExercises, exerciseFile, type CheckCase, type ExerciseSet, type ExerciseSpec, type ExerciseSpecs } from "./define";
export {
  CheckFailure, fail, expectClose, expectEqual, expectMatrix, expectShaped, expectTrue, expectValues, observeMistakes,
  type ExpectOptions, type FailureKind, type KnownMistake, type MistakeObservation,
} from "./expect";
export { runChecks, runExercises, summaryLine, type CaseResult, type ExerciseResult, type RunOptions } from "./run";
export { findShortcuts, type Shortcut } from "./shortcuts";
export { ownCode, type MissingFunction, type OwnCode } from "./own-code";
export { exerciseReportText } from "./report";
export { formatValue, plainValue, sameValue } from "./values";
export { type CataloguedMistake, type MistakeCatalogue } from "./catalogue";
