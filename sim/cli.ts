#!/usr/bin/env node
/** The `shdsim` executable: everything lives in cli/, which tests call directly. */
import { main } from './cli/main.js';
import { processIo } from './cli/io.js';

main(process.argv.slice(2), processIo).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Not bad input but a bug: keep the stack, and a distinct exit code.
    console.error(err);
    process.exitCode = 70;
  },
);
