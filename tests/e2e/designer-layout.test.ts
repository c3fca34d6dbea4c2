import { expect, test } from 'vitest';
import { nodeCount } from './support/designer.js';
import { screenshot } from './support/browser.js';
import { e2eApp } from './support/app.js';

/** The designer at the smallest supported window (1280×800): collapsible columns, a readable fit, the keyboard path. */
const { server, page, errors } = await e2eApp({ viewport: { width: 1280, height: 800 }, user: 'planner' });

const zoom = async () => {
  const style = (await page.locator('.react-flow__viewport').getAttribute('style')) ?? '';
  return Number(/scale\(([\d.]+)\)/.exec(style)?.[1] ?? NaN);
};
const width = (selector: string) => page.locator(selector).evaluate((e) => e.getBoundingClientRect().width);
const active = () => page.evaluate(() => {
  const e = document.activeElement as HTMLElement | null;
  return { testid: e?.dataset.testid ?? '', node: !!e?.classList.contains('react-flow__node'), inInspector: !!e?.closest('[data-testid=inspector]'), outline: e ? getComputedStyle(e).outlineStyle : 'none' };
});

test('a remembered flow that no longer exists: the start screen, with no failed request logged', async () => {
  const userId = await page.evaluate(async () => (await (await fetch('/trpc/auth.me')).json()).result.data.user.id as number);
  await page.evaluate((key) => localStorage.setItem(key, 'flow-deadbeef'), `linkage.designer.last.${userId}`);
  await page.goto(`${server.url}/designer`);
  await page.waitForSelector('[data-testid=designer-start]');
  expect(await page.evaluate((key) => localStorage.getItem(key), `linkage.designer.last.${userId}`)).toBeNull();
  expect(errors).toEqual([]);
});

test('a template opened from the start screen fits: every node on screen, readable (compact when zoomed out)', async () => {
  await page.click('[data-testid=start-template]');
  await page.click('[data-testid="template-plan-5g-launch.json"]');
  await page.waitForSelector('[data-testid=designer] .react-flow__node');
  // Issue #17 item 7: a fit that stopped at a "readable" 60 % cut the flow off; fit fits, and nodes
  // zoomed out past reading show their compact face.
  const canvas = (await page.locator('[data-testid=canvas]').boundingBox())!;
  const outside = async () => {
    const out: string[] = [];
    for (const n of await page.locator('[data-testid=canvas] .react-flow__node').all()) {
      const b = (await n.boundingBox())!;
      if (b.x < canvas.x || b.y < canvas.y || b.x + b.width > canvas.x + canvas.width || b.y + b.height > canvas.y + canvas.height) out.push((await n.getAttribute('data-id')) ?? '?');
    }
    return out;
  };
  await expect.poll(outside).toEqual([]);
  if ((await zoom()) < 0.7) expect(await page.locator('[data-testid=compact-face]').count()).toBeGreaterThan(0);
  await screenshot(page, 'designer-layout-01-template-1280');
});

test('palette collapses to an icon rail (remembered), nodes still add from it', async () => {
  const before = await width('[data-testid=canvas]');
  await page.click('[data-testid=palette-toggle]');
  expect(await page.getAttribute('[data-testid=palette]', 'data-collapsed')).toBe('true');
  expect(await width('[data-testid=palette]')).toBeLessThan(60);
  await page.reload();
  await page.waitForSelector('[data-testid=designer] .react-flow__node');
  expect(await page.getAttribute('[data-testid=palette]', 'data-collapsed')).toBe('true');
  expect(await width('[data-testid=canvas]')).toBeGreaterThan(before + 150);
  await page.hover('[data-testid=palette-wait]');
  expect(await page.locator('#palette-tip-wait').isVisible()).toBe(true);
  const n = await nodeCount(page);
  await page.focus('[data-testid=palette-wait]');
  await page.keyboard.press('Enter');
  await expect.poll(() => nodeCount(page)).toBe(n + 1);
  await screenshot(page, 'designer-layout-02-rail');
  await page.keyboard.press('Control+z');
  await page.click('[data-testid=palette-toggle]');
  expect(await page.getAttribute('[data-testid=palette]', 'data-collapsed')).toBe('false');
});

test('inspector resizes (min 320 px) and collapses; asking for a tab opens it again', async () => {
  const start = await width('[data-testid=side-panel]');
  await page.focus('[data-testid=panel-resize]');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  expect(await width('[data-testid=side-panel]')).toBe(start + 32);
  await page.keyboard.press('End');
  expect(await width('[data-testid=side-panel]')).toBe(320);
  await page.click('[data-testid=panel-toggle]');
  expect(await page.getAttribute('[data-testid=side-panel]', 'data-collapsed')).toBe('true');
  expect(await width('[data-testid=side-panel]')).toBeLessThan(50);
  await page.reload();
  await page.waitForSelector('[data-testid=designer] .react-flow__node');
  expect(await page.getAttribute('[data-testid=side-panel]', 'data-collapsed')).toBe('true');
  await screenshot(page, 'designer-layout-03-panel-collapsed');
  await page.click('[data-testid=simulate]');
  expect(await page.getAttribute('[data-testid=side-panel]', 'data-collapsed')).toBe('false');
  expect(await width('[data-testid=side-panel]')).toBe(320);
});

test('simulation funnel explains itself and stays out of the way', async () => {
  await page.click('[data-testid=sim-start]');
  await page.waitForSelector('[data-testid=stage-funnel]', { timeout: 90_000 });
  expect(await page.locator('[data-testid=sim-step-sampled]').innerText()).toMatch(/样本\s+2,000/);
  expect(await page.locator('[data-testid=sim-step-matched]').innerText()).toMatch(/符合客群/);
  expect(await page.locator('[data-testid=stage-funnel-line]').innerText()).toMatch(/^样本 2,000 → 符合客群 [\d,]+/);
  await page.click('[data-testid=stage-funnel-toggle]');
  expect(await page.getAttribute('[data-testid=stage-funnel]', 'data-expanded')).toBe('false');
  const funnel = await page.locator('[data-testid=stage-funnel]').boundingBox();
  expect(funnel!.height).toBeLessThan(48);
  await screenshot(page, 'designer-layout-04-funnel');
});

test('keyboard: palette → Enter adds → Tab to a node (visible focus) → Enter selects → Tab into the inspector', async () => {
  const n = await nodeCount(page);
  await page.focus('[data-testid=palette-split]');
  await page.keyboard.press('Tab');
  expect(await active()).toMatchObject({ testid: 'palette-end' });
  expect((await active()).outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect.poll(() => nodeCount(page)).toBe(n + 1);
  for (let i = 0; i < 40 && !(await active()).node; i++) await page.keyboard.press('Tab');
  const onNode = await active();
  expect(onNode.node).toBe(true);
  expect(onNode.outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await page.click('[data-testid=tab-inspector]').catch(() => undefined);
  await page.waitForSelector('[data-testid=inspector]');
  await page.focus('.react-flow__node.selected');
  for (let i = 0; i < 60 && !(await active()).inInspector; i++) await page.keyboard.press('Tab');
  expect((await active()).inInspector).toBe(true);
  await screenshot(page, 'designer-layout-05-keyboard');
  expect(errors).toEqual([]);
});
