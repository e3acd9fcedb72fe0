import { chromium } from 'playwright-core';

// What the browser tests share: Debian's Chromium launched headless, a Chinese-locale page that collects every problem the
// browser reports (script errors, console errors, failed or 4xx/5xx sub-resources), and
// signing in through the form.

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
