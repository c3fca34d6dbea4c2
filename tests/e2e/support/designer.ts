import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Shared steps of the designer e2e suites. */
export const nodeCount = (page: Page) => page.locator('.react-flow__node').count();

export async function waitSaved(page: Page): Promise<void> {
  await expect.poll(() => page.locator('[data-testid=save-state]').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved');
}

/** Add a node from the palette with the keyboard: focus the entry, press Enter. */
export async function addFromPalette(page: Page, type: string): Promise<void> {
  await page.focus(`[data-testid=palette-${type}]`);
  await page.keyboard.press('Enter');
}

/** Select a node by clicking its header and show the inspector. */
export async function inspect(page: Page, nodeId: string): Promise<void> {
  // A click event rather than a pointer click: the node may lie outside the visible canvas at a readable zoom.
  await page.locator(`[data-testid=node-${nodeId}]`).dispatchEvent('click');
  await page.click('[data-testid=tab-inspector]');
}

/** Start a new blank flow from the designer's start screen; returns its id. */
export async function newBlankFlow(page: Page, baseUrl: string): Promise<string> {
  await page.goto(`${baseUrl}/designer`);
  await page.waitForSelector('[data-testid=designer-start], [data-testid=designer] .react-flow');
  // The designer may have reopened the last flow: the new one is a different address, not merely a flow's.
  const before = page.url();
  if (!(await page.locator('[data-testid=designer-start]').count())) {
    await page.click('[data-testid=files-menu]');
    await page.click('text=/新建空白流程|New blank flow/');
  } else {
    await page.click('[data-testid=start-blank]');
  }
  await page.waitForURL((u) => /\/designer\/flow-[0-9a-f]+$/.test(u.pathname) && u.href !== before);
  const id = page.url().split('/').pop()!;
  // The new flow's own workspace, not the one it replaces (the palette adds to whichever is mounted).
  await page.waitForSelector(`[data-testid=designer][data-flow-id="${id}"] .react-flow`);
  return id;
}


/** Auto-layout, waiting until the layout and its fit have finished (the button counts finished layouts). */
export async function autoLayout(page: Page): Promise<void> {
  const button = page.locator('[data-testid=auto-layout]');
  const before = Number(await button.getAttribute('data-layouts'));
  await button.click();
  await expect.poll(async () => Number(await button.getAttribute('data-layouts')), { timeout: 15_000 }).toBe(before + 1);
}

/** Drag from the palette with real HTML5 drag-and-drop (dataTransfer), dropped at canvas-relative coordinates. */
export async function dropNode(page: Page, type: string, x: number, y: number): Promise<void> {
  await page.dragAndDrop(`[data-testid=palette-${type}]`, '[data-testid=canvas]', { targetPosition: { x, y } });
}

/** Draw an edge with the mouse, from a node's output port to another node's input. */
export async function connect(page: Page, source: string, port: string, target: string): Promise<void> {
  const handle = (node: string, id: string) => page.locator(`.react-flow__handle[data-nodeid="${node}"][data-handleid="${id}"]`);
  const from = (await handle(source, port).boundingBox())!;
  const to = (await handle(target, 'in').boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** A new blank flow with one segment node, inspected, with the condition `field op value` added to it. */
export async function newSegmentOn(page: Page, baseUrl: string, field: string, op: string, value: string): Promise<void> {
  await newBlankFlow(page, baseUrl);
  await addFromPalette(page, 'segment');
  await page.waitForSelector('[data-testid=node-segment-1]');
  await inspect(page, 'segment-1');
  await page.click('[data-testid=add-condition]');
  const row = page.locator('[data-testid=condition-row]').last();
  await row.locator('[data-testid=condition-field]').selectOption(field);
  await row.locator('[data-testid=condition-op]').selectOption(op);
  await row.locator('[data-testid=condition-value]').fill(value);
}
