/** The drill: its steps, its scenes and its progress, all decided by the engine. */
export { DRILL_STEPS, DRILL_MAP_ID, DRILL_SEAT, type DrillStep } from "./steps.js";
export { drillStart, drillAdvance, drillSkipStep, drillFinished, currentStep, type DrillProgress } from "./drill.js";
export { stageScene, type Scene } from "./stage.js";
