/**
 * The self-contained HTML page every shdsim report is (the run report, the sweep page): UTF-8, a
 * Content-Security-Policy that forbids fetching anything, inline CSS only, no script.
 */
import { esc } from './svg.js';

export function htmlPage(title: string, css: string, body: readonly string[]): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(title)}</title>
<style>
${css}
</style>
</head>
<body>
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}
