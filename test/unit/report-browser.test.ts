// report.html as a person sees it: opened from disk in headless Chromium (Debian's, driven by
// playwright-core). No console error, no request but the file itself, every chart drawn, a group
// opens onto its ideas, print shows closed groups. Saves a screenshot for the README.
// Without /usr/bin/chromium (apt-get install chromium) the test is skipped, never failed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { audit } from '../../src/aggregate/audit.js';
import { readClassified } from '../../src/io/classified.js';
import { renderReportHtml } from '../../src/render/report-html.js';
import { bundled } from '../helpers/report.js';
import { ROOT, tempDir } from '../helpers/cli.mjs';

const CHROMIUM = process.env.CNR_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOT = join(ROOT, 'docs', 'report.png');
const hasChromium = existsSync(CHROMIUM);
const skipNote = hasChromium ? '' : ` (skipped: no ${CHROMIUM}; install it with "apt-get install chromium")`;
if (!hasChromium) process.stderr.write(`report-browser.test.ts: skipped: no ${CHROMIUM} (apt-get install chromium)\n`);

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe.skipIf(!hasChromium)(`report.html in headless Chromium${skipNote}`, () => {
  const dir = tempDir('cnr-report-');
  const file = join(dir, 'report.html');
  const url = pathToFileURL(file).href;
  const requests: string[] = [];
  const errors: string[] = [];
  let ctx: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const report = bundled();
    const classified = await readClassified(join(ROOT, 'fixtures/classified/sample.ndjson'));
    writeFileSync(file, await renderReportHtml(report, { findings: audit(report), toolVersion: '0.0.0-test', classified }));
    const { chromium } = await import('playwright-core');
    // launchPersistentContext: a fresh --user-data-dir of our own (launch() refuses that flag).
    ctx = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 900 },
      deviceScaleFactor: 1,
    });
    ctx.on('request', (r) => requests.push(r.url()));
    await ctx.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
    page = ctx.pages()[0] ?? (await ctx.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await page.goto(url, { waitUntil: 'load' });
  }, 60_000);

  afterAll(async () => {
    await ctx?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads with no console error and no request but the file itself', async () => {
    await page.waitForTimeout(300);
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    expect(await page.title()).toBe('Synthèse des ateliers CNR Santé — Nouvelle-Aquitaine');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
  });

  it('draws every chart: an SVG with marks, laid out on the page', async () => {
    const charts = await page.$$eval('figure.chart', (figs) =>
      figs.map((f) => {
        const svg = f.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        // Vega draws a rect mark as <path> elements in a <g class="mark-rect role-mark …">.
        return {
          id: f.id,
          marks: svg ? svg.querySelectorAll('rect, path').length : 0,
          bars: svg ? svg.querySelectorAll('g.mark-rect.role-mark > path, g.mark-rect.role-mark > rect').length : 0,
          width: box?.width ?? 0,
          height: box?.height ?? 0,
        };
      }),
    );
    expect(charts).toHaveLength(12);
    for (const c of charts) {
      expect(c.marks, c.id).toBeGreaterThan(0);
      expect(c.bars, `${c.id}: data marks`).toBeGreaterThan(0);
      expect(c.width, c.id).toBeGreaterThan(100);
      expect(c.height, c.id).toBeGreaterThan(50);
    }
    // One bar per regional group of T1 solutions.
    expect(charts.find((c) => c.id === 'chart-t1-solution')!.bars).toBe(8);
  });

  it('opens a group onto its ideas, with counts and quotes', async () => {
    const group = page.locator('details#t1-solution-g01');
    const ideas = group.locator('table.ideas');
    await group.scrollIntoViewIfNeeded();
    expect(await ideas.isVisible()).toBe(false);
    await group.locator('summary').click();
    expect(await group.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await ideas.isVisible()).toBe(true);
    const first = ideas.locator('tbody tr').first();
    expect(await first.locator('td').nth(1).innerText()).toBe('51');
    expect(await first.innerText()).toContain('Aller vers une territorialisation');
    expect(await first.locator('ul.quotes li').count()).toBe(4);
    await group.locator('summary').click();
    expect(await ideas.isVisible()).toBe(false);
  });

  it('shows the ideas of closed groups when printed', async () => {
    const ideas = page.locator('details#t2-solution-g01 table.ideas');
    expect(await ideas.isVisible()).toBe(false);
    await page.emulateMedia({ media: 'print' });
    expect(await ideas.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(await ideas.isVisible()).toBe(false);
  });

  it('takes a screenshot of the top of the page', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    const png = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 1280, height: 900 } });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    mkdirSync(join(ROOT, 'test', 'artifacts'), { recursive: true });
    writeFileSync(join(ROOT, 'test', 'artifacts', 'report.png'), png);
    // docs/report.png (shown in the README) is written when missing or on request, so that a
    // test run does not dirty the work tree with a re-rendered picture.
    if (!existsSync(SCREENSHOT) || process.env.CNR_UPDATE_SCREENSHOT === '1') {
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      writeFileSync(SCREENSHOT, png);
    }
    expect(existsSync(SCREENSHOT)).toBe(true);
  });
});
