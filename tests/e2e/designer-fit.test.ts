import { expect, test } from 'vitest';
import { addFromPalette, autoLayout, newBlankFlow, waitSaved } from './support/designer.js';
import { login, screenshot } from './support/browser.js';
import { e2eApp } from './support/app.js';

/** Issue #17 item 7: fit fits; zoomed out, nodes show a compact face; the dashboard canvas leaves the page's scroll alone. */
const { server, browser, page, errors } = await e2eApp({ env: { SEED_DEMO_FLOWS: '1' } });

const zoom = async (scope = '[data-testid=canvas]') => {
  const style = (await page.locator(`${scope} .react-flow__viewport`).getAttribute('style')) ?? '';
  return Number(/scale\(([\d.]+)\)/.exec(style)?.[1] ?? NaN);
};

/** Every node's box inside the canvas's box and clear of the mini map. */
async function allNodesInside(): Promise<string[]> {
  const canvas = (await page.locator('[data-testid=canvas]').boundingBox())!;
  const map = (await page.locator('[data-testid=canvas] .react-flow__minimap').boundingBox())!;
  const out: string[] = [];
  for (const node of await page.locator('[data-testid=canvas] .react-flow__node').all()) {
    const b = (await node.boundingBox())!;
    const underMap = b.x + b.width > map.x && b.y + b.height > map.y;
    if (underMap || b.x < canvas.x || b.y < canvas.y || b.x + b.width > canvas.x + canvas.width || b.y + b.height > canvas.y + canvas.height) out.push((await node.getAttribute('data-id')) ?? '?');
  }
  return out;
}

test('a five-node flow, auto-laid-out and fitted at 1440×900: every node on screen, compact when text would be unreadable', async () => {
  await login(page, server.url, 'planner');
  await newBlankFlow(page, server.url);
  for (const type of ['segment', 'linkage', 'wait', 'evaluate', 'end']) await addFromPalette(page, type);
  await page.waitForSelector('[data-testid=node-end-1]');
  await autoLayout(page);
  await page.click('[data-testid=zoom-fit]');
  await expect.poll(allNodesInside, { timeout: 15_000 }).toEqual([]);
  const z = await zoom();
  expect(z).toBeLessThanOrEqual(1);
  // Readable either way: full nodes at a zoom where their text is at least ~8 px, or the compact face.
  const compact = await page.locator('[data-testid=compact-face]').count();
  if (z < 0.7) expect(compact).toBe(5);
  else expect(compact).toBe(0);
  await screenshot(page, 'designer-fit-01-five-nodes-zh');
  await waitSaved(page);
});

test('zoomed out past reading, a node shows its title large enough to read', async () => {
  await page.click('.react-flow__controls-zoomout');
  await page.click('.react-flow__controls-zoomout');
  await page.click('.react-flow__controls-zoomout');
  await expect.poll(() => zoom()).toBeLessThan(0.7);
  const face = page.locator('[data-testid=node-linkage-1] [data-testid=compact-face] span').first();
  await face.waitFor();
  expect(await face.innerText()).toBe('渠道联动');
  // On-screen text height: the glyph box of the title, at least 12 px.
  expect((await face.boundingBox())!.height).toBeGreaterThanOrEqual(12);
  await screenshot(page, 'designer-fit-02-compact-zh');
  await page.getByRole('button', { name: 'English' }).click();
  await expect.poll(() => face.innerText()).toBe('Channel linkage');
  await screenshot(page, 'designer-fit-03-compact-en');
  await page.getByRole('button', { name: '中文' }).click();
});

test('the run dashboard canvas: a wheel scrolls the page, not the canvas; count badges readable at the default zoom', async () => {
  // The supervisor's session instead of the planner's.
  await browser.clearCookies();
  await login(page, server.url, 'supervisor');
  await page.goto(`${server.url}/runs`);
  await page.locator('[data-testid=runs-list] a[href^="/runs/"]').first().click();
  await page.waitForSelector('[data-testid=run-canvas] .react-flow__node');
  await page.waitForSelector('[data-testid=run-canvas] [data-testid^=live-]');
  const before = await zoom('[data-testid=run-canvas]');
  const box = (await page.locator('[data-testid=run-canvas]').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 400);
  await expect.poll(() => page.locator('[data-testid=run-dashboard]').evaluate((e) => e.scrollTop)).toBeGreaterThan(0);
  expect(await zoom('[data-testid=run-canvas]')).toBe(before);
  const badge = page.locator('[data-testid=run-canvas] [data-testid^=live-] span').first();
  const px = await badge.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  expect(px * before).toBeGreaterThanOrEqual(11);
  await page.locator('[data-testid=run-dashboard]').evaluate((e) => { e.scrollTop = 0; });
  await screenshot(page, 'designer-fit-04-run-canvas-zh');
  expect(errors).toEqual([]);
});
