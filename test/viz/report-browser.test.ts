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

async function open(dir: string): Promise<{ page: Page; requests: string[]; errors: string[]; url: string }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  const url = pathToFileURL(join(dir, 'report.html')).href;
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
    expect(charts.map((c) => c.name)).toEqual(['heal-latency-cdf', 'pending-heals', 'log-bytes', 'log-by-msgid', 'shd-timeline', 'frames', 'shd-rss', 'op-latency']);
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
    expect(charts).toHaveLength(8);
    for (const c of charts) expect(c.marks).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'report-one-mode.png'), fullPage: true });
    await page.close();
  });
});
