// Accounts in a real browser: Debian's Chromium driven by playwright-core against a
// throwaway kczg (demo campaign). Register an enterprise applicant, sign out, sign in
// again, switch to English, sign out; then every demo role lands on its dashboard.
//
//   node --test tests/e2e/
//
// KCZG_BINARY overrides the server binary, KCZG_CHROMIUM the browser (default
// /usr/bin/chromium), KCZG_E2E_SCREENSHOTS a directory that keeps the English dashboard
// screenshot (otherwise it goes to the server's temp dir and is removed with it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startServer, usccWithCheck, demoAccounts, demoPassword } from './server.mjs';
import { launchBrowser, openPage, signIn as signInAt } from './browser.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  const exit = await server?.stop();
  // SIGTERM drains and exits cleanly.
  if (exit) assert.equal(exit.code, 0, `kczg serve exit: ${JSON.stringify(exit)}\n${server.stderr()}`);
});

// A fresh context (no cookies, Accept-Language zh-CN) whose page fails the test on script errors, CSP
// violations and failed sub-resources.
function newPage() {
  return openPage(browser);
}

function signIn(page, login, password) {
  return signInAt(page, server.url, login, password);
}

async function signOut(page) {
  await Promise.all([page.waitForNavigation(), page.click('#sign-out')]);
  assert.equal(await page.locator('#sign-out').count(), 0, 'still signed in after signing out');
  assert.equal(await page.locator('#sign-in-link').count(), 1);
}

test('register an enterprise applicant, sign out and in, switch to English', async () => {
  const { context, page, problems } = await newPage();
  try {
    const login = `e2e-${process.pid}@example.com`;
    const password = 'e2e-password-2023';
    const uscc = usccWithCheck('91110108MA0000001');

    await page.goto(`${server.url}/register`);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    await page.check('input[name=kind][value=enterprise]');
    await page.fill('input[name=name]', '端到端测试科技有限公司');
    await page.fill('input[name=uscc]', uscc);
    await page.fill('input[name=contact]', '测试联系人 13800000000');
    await page.fill('input[name=login]', login);
    await page.fill('input[name=password]', password);
    await page.fill('input[name=password2]', password);
    await Promise.all([page.waitForNavigation(), page.click('#register-submit')]);
    const error = page.locator('p.error');
    assert.equal(await error.count(), 0, `registration refused: ${await error.allTextContents()}`);
    assert.equal(new URL(page.url()).pathname, '/dashboard');
    assert.equal(await page.getAttribute('#dashboard-role', 'data-role'), 'applicant');
    const cookies = await context.cookies();
    assert.ok(cookies.some((c) => c.name === 'kczg_session' && c.httpOnly), 'no HttpOnly kczg_session cookie');

    await signOut(page);
    await signIn(page, login, password);
    assert.equal(await page.getAttribute('#dashboard-role', 'data-role'), 'applicant');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.notEqual((await page.textContent('#sign-out')).trim(), 'Sign out');

    // English: the switch link reloads the page with ?lang=en and remembers it in a cookie.
    await Promise.all([page.waitForURL('**/dashboard?lang=en'), page.click('#switch-lang')]);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal((await page.textContent('#sign-out')).trim(), 'Sign out');
    assert.ok((await context.cookies()).some((c) => c.name === 'kczg_lang' && c.value === 'en'), 'no kczg_lang=en cookie');
    await page.goto(`${server.url}/dashboard`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en', 'English not remembered without ?lang');
    // Page chrome in English; only the applicant's own (Chinese) name may remain.
    const han = /\p{Script=Han}/u;
    assert.doesNotMatch(await page.textContent('#dashboard-role'), han);
    assert.doesNotMatch(await page.textContent('main h1'), han);
    assert.doesNotMatch(await page.title(), han);

    const shots = process.env.KCZG_E2E_SCREENSHOTS || server.dir;
    await mkdir(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, 'dashboard-en.png'), fullPage: true });

    await signOut(page);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('every demo role signs in to its own dashboard', async () => {
  const { context, page, problems } = await newPage();
  try {
    for (const [role, login] of Object.entries(demoAccounts)) {
      await signIn(page, login, demoPassword);
      assert.equal(await page.locator(`#dashboard-role[data-role="${role}"]`).count(), 1, `${login}: not the ${role} dashboard`);
      await signOut(page);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
