import { expect, test } from 'vitest';
import { login, screenshot, watchConsole } from './support/browser.js';
import { e2eApp } from './support/app.js';

const { server, browser } = await e2eApp();

test('a planner logs in and sees the app shell with the designer start screen', async () => {
  const page = await browser.newPage();
  const errors = watchConsole(page);
  await login(page, server.url, 'planner');
  await page.waitForSelector('[data-testid=designer-start]');
  expect(await page.locator('header').innerText()).toContain('流程设计');
  expect(await page.locator('[data-testid=start-blank]').innerText()).toContain('新建空白流程');
  await screenshot(page, 'shell-empty-designer');
  expect(errors).toEqual([]);
});

test('a wrong password is refused with a clear message', async () => {
  await browser.clearCookies();
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.fill('input[name=username]', 'planner');
  await page.fill('input[name=password]', 'nope');
  await page.click('button[type=submit]');
  await expect.poll(() => page.locator('[role=alert]').innerText()).toContain('用户名或密码错误');
});

test('an address no page answers says so, names it, and leads home', async () => {
  await browser.clearCookies();
  const page = await browser.newPage();
  const errors = watchConsole(page);
  await login(page, server.url, 'planner');
  await page.waitForSelector('[data-testid=designer-start]');
  await page.goto(`${server.url}/no-such-page`);
  const notFound = page.locator('[data-testid=not-found]');
  await notFound.waitFor();
  expect(await notFound.innerText()).toContain('/no-such-page');
  await notFound.getByRole('link', { name: '返回首页' }).click();
  await page.waitForSelector('[data-testid=designer-start]');
  expect(new URL(page.url()).pathname).not.toBe('/no-such-page');
  expect(errors).toEqual([]);
});
