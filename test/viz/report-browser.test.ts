/**
 * The report in a real browser: Debian's Chromium, driven by playwright-core (which never downloads a
 * browser of its own). The page must load with no request but itself, every chart must draw something
 * with data, nothing may overflow the page sideways, and a screenshot is kept for people to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { writeRunOutputs } from '../../reports/write-run.js';
import { captureIo } from '../../sim/cli/io.js';
import { main } from '../../sim/cli/main.js';
import { CHARTS } from '../../viz/charts/index.js';
import { churnRun } from '../fixtures/runs/churn.js';
import { removeTempDirs, tempDir } from '../reports/tmp.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ARTIFACTS = join(new URL('../../', import.meta.url).pathname, 'out', 'test-artifacts');

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
});

afterAll(async () => {
  await browser?.close();
  removeTempDirs();
});

interface ChartCheck {
  name: string;
  width: number;
  height: number;
  marks: number;
  empty: boolean;
}

/** Runs in the page: size of every chart and how many data marks with a non-empty box it has. */
const CHECK_CHARTS = `(() => [...document.querySelectorAll('figure svg.chart')].map((svg) => {
  const r = svg.getBoundingClientRect();
  const marks = [...svg.querySelectorAll('.mark')].filter((m) => ['path', 'rect', 'circle'].includes(m.tagName) && (() => { const b = m.getBBox(); return b.width > 0 || b.height > 0; })());
  return { name: svg.getAttribute('class').replace('chart chart-', '').replace(' chart-empty', ''), width: r.width, height: r.height, marks: marks.length, empty: svg.classList.contains('chart-empty') };
}))()`;

/** Runs in the page: the headline sentence as shown, and whether it is visible. */
const HEADLINE = `(() => { const p = document.querySelector('#headlines p.answer'); if (!p) return null; const r = p.getBoundingClientRect(); return { text: p.textContent, height: r.height, cards: document.querySelectorAll('#headlines .card').length }; })()`;

/** Runs in the page: every chart, drawn or empty, with a message an empty one shows. */
const CHART_STATES = `(() => [...document.querySelectorAll('figure svg.chart')].map((svg) => {
  const r = svg.getBoundingClientRect();
  const marks = [...svg.querySelectorAll('.mark')].filter((m) => ['path', 'rect', 'circle'].includes(m.tagName) && (() => { const b = m.getBBox(); return b.width > 0 || b.height > 0; })()).length;
  const empty = svg.classList.contains('chart-empty');
  const message = empty ? [...svg.querySelectorAll('text')].pop().textContent : '';
  return { id: svg.closest('figure').id, width: r.width, height: r.height, marks, empty, message };
}))()`;

async function cli(...argv: string[]): Promise<number> {
  return main(argv, captureIo());
}

async function open(dir: string, file = 'report.html'): Promise<{ page: Page; requests: string[]; errors: string[]; url: string }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  const url = pathToFileURL(join(dir, file)).href;
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests, errors, url };
}

describe('report.html in headless Chromium', () => {
  test('two modes: loads nothing else, every chart draws data, fits the width; screenshot saved', async () => {
    const dir = tempDir();
    writeRunOutputs(dir, churnRun());
    const { page, requests, errors, url } = await open(dir);

    expect(requests).toEqual([url]);
    expect(errors).toEqual([]);
    const charts = (await page.evaluate(CHECK_CHARTS)) as ChartCheck[];
    expect(charts.map((c) => c.name)).toEqual(CHARTS.map((c) => c.name));
    for (const c of charts) {
      expect({ name: c.name, empty: c.empty }).toEqual({ name: c.name, empty: false });
      expect(c.width).toBeGreaterThan(1000);
      expect(c.height).toBeGreaterThan(150);
      expect(c.marks).toBeGreaterThan(0);
    }
    const overflow = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    expect(overflow).toBeLessThanOrEqual(1280);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    await page.close();
  });

  test('one mode: the same, with that mode alone', async () => {
    const dir = tempDir();
    writeRunOutputs(dir, churnRun({ modes: ['mux'] }));
    const { page, requests, errors, url } = await open(dir);
    expect(requests).toEqual([url]);
    expect(errors).toEqual([]);
    const charts = (await page.evaluate(CHECK_CHARTS)) as ChartCheck[];
    expect(charts).toHaveLength(CHARTS.length);
    for (const c of charts) expect(c.marks).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'report-one-mode.png'), fullPage: true });
    await page.close();
  });

  test('a library scenario run by the CLI: the headline sentence and every chart render; screenshot saved', async () => {
    const dir = join(tempDir(), 'node-reboot');
    expect(await cli('run', 'scenarios/node-reboot.yaml', '--set', 'volumes=4', '--out', dir)).toBe(0);
    const { page, requests, errors, url } = await open(dir);
    expect(requests).toEqual([url]);
    expect(errors).toEqual([]);
    const head = (await page.evaluate(HEADLINE)) as { text: string; height: number; cards: number } | null;
    expect(head).not.toBeNull();
    expect(head!.text).toMatch(/^(Multiplexing|With multiplexing) .*\.( Cost: .*\.| No headline figure got worse\.)$/);
    expect(head!.height).toBeGreaterThan(20);
    expect(head!.cards).toBe(6);
    const charts = (await page.evaluate(CHART_STATES)) as { id: string; width: number; height: number; marks: number; empty: boolean; message: string }[];
    expect(charts.map((c) => c.id)).toEqual(CHARTS.map((c) => `chart-${c.name}`));
    for (const c of charts) {
      expect(c.width).toBeGreaterThan(1000);
      expect(c.height).toBeGreaterThan(150);
      // drawn with data, or an empty state that says why
      if (c.empty) expect({ id: c.id, message: c.message }).toEqual({ id: c.id, message: expect.stringMatching(/^no .* in this run$/) });
      else expect({ id: c.id, marks: c.marks > 0 }).toEqual({ id: c.id, marks: true });
    }
    expect(charts.filter((c) => !c.empty).length).toBeGreaterThanOrEqual(7);
    expect((await page.evaluate('document.documentElement.scrollWidth')) as number).toBeLessThanOrEqual(1280);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report-node-reboot.png'), fullPage: true });
    await page.close();
  }, 120_000);

  test('sweep.html of a library scenario: settings, objectives, every chart and heatmap, a table that fits; screenshot saved', async () => {
    const dir = join(tempDir(), 'node-reboot-sweep');
    const code = await cli('sweep', 'scenarios/node-reboot.yaml', '--grid', 'volumes=2,4', '--grid', 'files=20,50', '--seeds', '2', '--workers', '2', '--out', dir, '--slo', 'heal_p99_s=120');
    expect(code).toBe(0);
    const { page, requests, errors, url } = await open(dir, 'sweep.html');
    expect(requests).toEqual([url]);
    expect(errors).toEqual([]);
    expect(await page.evaluate(`document.querySelectorAll('#objectives li').length`)).toBe(4); // 2 modes × 2 values of files
    const charts = (await page.evaluate(CHART_STATES)) as { id: string; width: number; height: number; marks: number; empty: boolean }[];
    // 4 metrics × (2 small multiples + 1 heatmap)
    expect(charts).toHaveLength(12);
    expect(charts.filter((c) => c.id.includes('--heatmap'))).toHaveLength(4);
    for (const c of charts) {
      expect(c.width).toBeGreaterThan(1000);
      expect(c.height).toBeGreaterThan(150);
      expect({ id: c.id, marks: c.marks > 0 || c.empty }).toEqual({ id: c.id, marks: true });
    }
    // the table fits the page: no sideways scrolling, in the page or in the table
    expect((await page.evaluate('document.documentElement.scrollWidth')) as number).toBeLessThanOrEqual(1280);
    const table = (await page.evaluate(`(() => { const t = document.querySelector('table.summary'); return { width: t.getBoundingClientRect().width, main: document.querySelector('main').clientWidth }; })()`)) as { width: number; main: number };
    expect(table.width).toBeLessThanOrEqual(table.main);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'sweep-node-reboot.png'), fullPage: true });
    await page.close();
  }, 180_000);
});
