/**
 * `shdsim report <out-dir>`: draws report.html and charts/*.svg again from the CSV files and run.json
 * of a run's output directory (after editing a chart, or to get the report of a run made with
 * charts and report turned off), and prints the report's path. Exit 2 when the directory is missing
 * or a file in it is malformed.
 */
import { rerenderReport } from '../../reports/rerender.js';
import type { Command, CommandContext } from './command.js';

export function reportCommand(ctx: CommandContext): Command {
  return {
    command: 'report <out-dir>',
    describe: 'redraw report.html and charts/*.svg of a run from its CSV files and run.json',
    builder: (y) =>
      y
        .positional('out-dir', { type: 'string', describe: 'output directory of a run (holds run.json and the CSV files)', demandOption: true })
        .example('$0 report out/shd-mux-demo', 'rewrite out/shd-mux-demo/report.html and out/shd-mux-demo/charts/*.svg'),
    handler: async (argv) => {
      ctx.io.out(rerenderReport(String(argv['out-dir'])));
    },
  };
}
