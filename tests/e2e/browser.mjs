import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

// What the browser tests share: Debian's Chromium launched headless, a Chinese-locale page that collects every problem the
// browser reports (script errors, console errors, failed or 4xx/5xx sub-resources), and
// signing in through the form, submitting one, reading text, and moving a campaign phase.

// A new context and page. `ignoreStatusErrors`: Chromium logs every 4xx/5xx answer as a
// console error, also a test's deliberate ones (a refused decision); those are then not
// problems (failed sub-resources are still caught, documents are checked by the test).
export async function openPage(browser, { acceptDownloads = false, ignoreStatusErrors = false } = {}) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 }, acceptDownloads });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (ignoreStatusErrors && /^Failed to load resource: the server responded with a status of \d+/.test(m.text())) return;
    // Chromium asks for /favicon.ico on its own; the site has none (yet).
    if (m.type() === 'error' && !m.location().url?.endsWith('/favicon.ico')) {
      problems.push(`console: ${m.text()} (${m.location().url})`);
    }
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    // Sub-resources (CSS, JS) must load; documents are checked by the test itself.
    if (r.status() >= 400 && r.request().resourceType() !== 'document') problems.push(`${r.status()} ${r.url()}`);
  });
  return { context, page, problems };
}

export async function signIn(page, baseUrl, login, password) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL('**/dashboard'), page.click('#sign-in-submit')]);
}

// Debian's Chromium (KCZG_CHROMIUM overrides the path), headless, never a downloaded one.
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.KCZG_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// Clicks something that submits a form or follows a link (a selector or a locator); the
// document's response, after any redirect.
export async function submit(page, selectorOrLocator) {
  const target = typeof selectorOrLocator === 'string' ? page.locator(selectorOrLocator) : selectorOrLocator;
  const [response] = await Promise.all([page.waitForNavigation(), target.click()]);
  return response;
}

// The element's text, trimmed; '' when it is absent or empty.
export async function text(page, selector) {
  return (await page.textContent(selector))?.trim() ?? '';
}

// A datetime-local value: Beijing civil time `msFromNow` from now.
export function beijing(msFromNow) {
  return new Date(Date.now() + msFromNow + 8 * 3600_000).toISOString().slice(0, 16);
}

// On the campaign page (/secretariat/campaign, already open): the form for one phase, its
// new start and end (Beijing time; a falsy one left as it is), confirmed and saved.
export async function setPhase(page, kind, startsAt, endsAt) {
  const form = page.locator('form.phase-form', { has: page.locator(`input[name=kind][value="${kind}"]`) });
  assert.equal(await form.count(), 1, `no phase form for ${kind}`);
  if (startsAt) await form.locator('input[name=starts_at]').fill(startsAt);
  if (endsAt) await form.locator('input[name=ends_at]').fill(endsAt);
  await form.locator('input[name=confirm]').check();
  const response = await submit(page, form.locator('button[type=submit]'));
  assert.equal(response.status(), 200, `setting ${kind} answered ${response.status()}: ${await page.locator('p.error').allTextContents()}`);
  assert.equal(await page.locator('p.error').filter({ hasText: /\S/ }).count(), 0, `setting ${kind} refused: ${await page.locator('p.error').allTextContents()}`);
  assert.ok((await page.locator('p.notice').allTextContents()).some((t) => t.includes('阶段时间已更新')), `no notice that ${kind} was saved`);
}
