import { expect, test } from 'vitest';
import { DEMO_PASSWORD, login, screenshot, watchConsole } from './support/browser.js';
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

test('the header stays on one line for an admin’s ten menu entries, at 1280 px and in English too', async () => {
  await browser.clearCookies();
  const page = await browser.newPage();
  await login(page, server.url, 'admin');
  await page.waitForSelector('[data-testid=current-user]');
  // every header item one text line high, nothing wrapped, the account buttons still named for assistive tech
  const oneLine = () => page.locator('header a, header button, header [data-testid=current-user]').evaluateAll((els) =>
    els.map((e) => {
      const st = getComputedStyle(e);
      const content = e.getBoundingClientRect().height - parseFloat(st.paddingTop) - parseFloat(st.paddingBottom);
      return { text: (e as HTMLElement).innerText, lines: Math.round(content / parseFloat(st.lineHeight)) };
    }).filter((x) => x.lines > 1));
  for (const width of [1440, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await expect.poll(oneLine).toEqual([]);
    await screenshot(page, `shell-header-admin-${width}`);
  }
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  await expect.poll(oneLine).toEqual([]);
  await screenshot(page, 'shell-header-admin-1280-en');
  expect(await page.getByRole('button', { name: 'Change password' }).count()).toBe(1);
});

test('a page the role may not open says so and names who may, whether opened logged in or through the login; its link goes home', async () => {
  await browser.clearCookies();
  const page = await browser.newPage();
  const errors = watchConsole(page);
  const noAccess = page.locator('[data-testid=no-access]');
  // each page load starts in Chinese (the header test left English chosen)
  await page.addInitScript(() => localStorage.setItem('linkage.lang', 'zh'));

  // a colleague's link opened while logged out: the login keeps it, and the planner comes back to it
  await page.goto(`${server.url}/admin/catalogue`);
  await page.waitForURL((u) => u.pathname === '/login');
  expect(new URL(page.url()).search).toBe('?next=%2Fadmin%2Fcatalogue');
  await page.fill('input[name=username]', 'planner');
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await page.click('button[type=submit]');
  await noAccess.waitFor();
  expect(new URL(page.url()).pathname).toBe('/admin/catalogue');
  expect(await noAccess.locator('h1').innerText()).toBe('您没有访问此页面的权限（需要：系统管理员）');
  expect(await noAccess.innerText()).toContain('/admin/catalogue');
  // the admin page itself never loaded
  expect(await page.locator('[data-testid=admin-tab-catalogue]').count()).toBe(0);
  await screenshot(page, 'shell-no-access-zh');
  await page.getByRole('button', { name: 'English' }).click();
  await expect.poll(() => noAccess.locator('h1').innerText()).toBe('You do not have access to this page (needs: Admin)');
  await screenshot(page, 'shell-no-access-en');

  // logged in, a bookmark of a page two roles may open names both
  await page.goto(`${server.url}/audit`);
  await expect.poll(() => noAccess.locator('h1').innerText()).toBe('您没有访问此页面的权限（需要：审核主管或系统管理员）');
  await noAccess.getByRole('link', { name: '返回首页' }).click();
  await page.waitForSelector('[data-testid=designer-start]');
  expect(new URL(page.url()).pathname).toBe('/designer');
  expect(errors).toEqual([]);
  await page.close();
});
