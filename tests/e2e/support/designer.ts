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
