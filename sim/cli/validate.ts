/**
 * `shdsim validate <scenario.yaml …>`: loads each scenario (parse, substitute, expand, check every
 * step) without running it. Prints `FILE: ok (N steps, M expectations)` per valid file and every
 * error of the others; exit 0 when all are valid, 2 otherwise.
 */
import { EXIT_BAD_INPUT, EXIT_OK } from '../errors.js';
import { countSteps } from '../scenario/count.js';
import { loadScenarios, setList } from '../scenario/load-many.js';
import type { Command, CommandContext } from './command.js';

export function validateCommand(ctx: CommandContext): Command {
  return {
    command: 'validate <scenarios..>',
    describe: 'parse, expand and check scenario files without running them',
    builder: (y) =>
      y
        .positional('scenarios', { type: 'string', describe: 'scenario files (YAML)' })
        .option('set', { type: 'string', describe: 'override a param (NAME=VALUE) or a model setting (model.KEY=VALUE); repeat for several' })
        .example('$0 validate scenarios/*.yaml', 'check every scenario; exit 0 when all are valid')
        .example('$0 validate churn.yaml --set volumes=50 --set model.detach=drain', 'check with overrides'),
    handler: (argv) => {
      const args = argv as unknown as { scenarios: string[]; set?: unknown };
      let bad = 0;
      for (const r of loadScenarios(args.scenarios, setList(args.set))) {
        if (r.ok) {
          const { steps, expectations } = countSteps(r.scenario);
          // Always plural, as the contract writes it: CI scripts match this line.
          ctx.io.out(`${r.file}: ok (${steps} steps, ${expectations} expectations)`);
        } else {
          bad++;
          ctx.io.err(r.error.report);
        }
      }
      ctx.exitCode = bad === 0 ? EXIT_OK : EXIT_BAD_INPUT;
    },
  };
}
