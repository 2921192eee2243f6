/**
 * The project's boundaries, checked by `npm run depcheck` (part of `npm test`): see
 * docs/ARCHITECTURE.md. A broken rule fails the build with the two files named.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment: "A cycle makes two modules one: neither can be read, tested or moved alone.",
      from: {},
      to: { circular: true },
    },
    {
      name: "engine-is-self-contained",
      severity: "error",
      comment: "shared/ is the pure rules engine: it imports only itself and pure libraries (zod).",
      from: { path: "^shared/" },
      to: { path: "^(server|client|tools|tests)/" },
    },
    {
      name: "engine-is-pure",
      severity: "error",
      comment: "The engine runs the same everywhere: no Node built-ins (clock, files, crypto).",
      from: { path: "^shared/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "rules-are-leaves",
      severity: "error",
      comment: "A rule module decides one rule; it never asks the AI, the view or an action.",
      from: { path: "^shared/rules/" },
      to: { path: "^shared/(ai|view|actions|battle)/" },
    },
    {
      name: "client-never-imports-server",
      severity: "error",
      from: { path: "^client/" },
      to: { path: "^server/" },
    },
    {
      name: "server-never-imports-client",
      severity: "error",
      from: { path: "^server/" },
      to: { path: "^client/" },
    },
    {
      name: "tools-never-import-tests",
      severity: "error",
      from: { path: "^(tools|server|client|shared)/" },
      to: { path: "^tests/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)node_modules/|^client/dist/|^dist/" },
    tsPreCompilationDeps: true,
    parser: "swc",
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"], extensions: [".ts", ".js", ".json"] },
  },
};
