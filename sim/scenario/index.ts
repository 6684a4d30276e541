/**
 * The scenario front end's public API, for the commands (`run`, `check`, `sweep`) that load a
 * scenario and run it against the model.
 */
export type { Mode, Scenario, Step, SourcePos } from './ast.js';
export { MODES } from './ast.js';
export type { CommandOutcome, ScenarioModel } from './model-api.js';
export { loadScenarioFile, loadScenarioText, type LoadOptions } from './load.js';
export { loadScenarios, setList, type Loaded } from './load-many.js';
export { parseOverrides, type Override } from './overrides.js';
export { countSteps, type StepCounts } from './count.js';
export { runSteps, type Overrun, type RunHooks, type ScenarioRun } from './run-steps.js';
export { closingLine, failureLines, formatFailure, junitXml, tally, type CheckRun } from './check-report.js';
