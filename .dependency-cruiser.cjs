/**
 * The layering of shdsim, checked by dependency-cruiser (`npm run lint:deps`, a CI step):
 *
 *   sim/engine/      the kernel: imports nothing of the project outside itself
 *   sim/gluster/     the model: never imports the outputs (reports/, viz/) or the commands (sim/cli/, sim/sweep/)
 *   reports/, viz/   the outputs: never import the scenario language (the mode type is in sim/mode.ts)
 *   sim/cli/         thin commands: no cycle with the registry that lists them (shared types in command.ts)
 *
 * and no import cycle runs through glusterd (sim/gluster/glusterd/ talks to the shd through the
 * protocol in sim/gluster/rpc/, never by importing it). Type-only cycles elsewhere (a graph and its
 * xlators pointing at each other) are allowed; a cycle of runtime imports is not, anywhere.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'engine-is-a-kernel',
      comment: 'sim/engine/ knows nothing of GlusterFS, the scenario language or the outputs',
      severity: 'error',
      from: { path: '^sim/engine/' },
      to: { pathNot: '^sim/engine/', dependencyTypesNot: ['core', 'npm'] },
    },
    {
      name: 'model-knows-no-outputs',
      comment: 'the model (sim/gluster/) fills rows it owns (rows.ts); reports, charts and commands read them',
      severity: 'error',
      from: { path: '^sim/gluster/' },
      to: { path: '^(reports|viz|sim/cli|sim/sweep)/' },
    },
    {
      name: 'outputs-know-no-scenario-language',
      comment: 'reports/ and viz/ take the mode from sim/mode.ts, not from sim/scenario/',
      severity: 'error',
      from: { path: '^(reports|viz)/' },
      to: { path: '^sim/scenario/' },
    },
    {
      name: 'no-cycle-through-glusterd',
      comment: 'glusterd reaches the shd through the rpc protocol and a process factory, never by import',
      severity: 'error',
      from: { path: '^sim/gluster/glusterd/' },
      to: { circular: true },
    },
    {
      name: 'no-cycle-in-cli',
      comment: 'commands take their shared types from sim/cli/command.ts, not from the registry',
      severity: 'error',
      from: { path: '^sim/cli' },
      to: { circular: true },
    },
    {
      name: 'no-runtime-cycle',
      comment: 'a cycle of value imports makes module initialisation order matter',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], mainFields: ['module', 'main', 'types'] },
  },
};
