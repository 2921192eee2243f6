/** Re-exported for the tests: see tools/services.ts. */
export * from "../tools/services.js";
