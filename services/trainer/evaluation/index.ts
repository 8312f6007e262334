// Evaluation metrics and the logistic-regression baseline (pure), plus the HTML report.
export { checkBinaryInputs, type Labels, type Scores } from './binary-inputs';
export { auc, gini } from './auc';
export {
  rocCurve,
  thinRocCurve,
  areaUnderPoints,
  ksStatistic,
  type RocPoint,
  type KsResult,
} from './roc-curve';
export { brierScore, logLoss } from './probability-scores';
export {
  calibrationBins,
  calibrationByDecile,
  expectedCalibrationError,
  type CalibrationBin,
} from './calibration';
export { evaluateBinary, type BinaryMetrics } from './evaluate-binary';
export {
  fitLogisticRegression,
  predictLogisticRegression,
  type FeatureRows,
  type LogisticRegressionModel,
  type LogisticRegressionOptions,
} from './logistic-regression';
export { stratifiedKFold, stratifiedFoldAssignment, outOfFoldPredictions, type Fold } from './k-fold';
export {
  renderEvaluationReport,
  type EvaluationReportInput,
  type ReportModelInput,
  type FeatureImportance,
} from './html-report';
export { writeEvaluationReport } from './write-html-report';
