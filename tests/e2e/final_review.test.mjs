// The end of a campaign in a real browser: Debian's Chromium driven by playwright-core
// against a throwaway kczg whose demo campaign is in its final review, the demo body's
// shortlist reported (kczg demo load --live --stage final_review).
//
// The secretariat reads the proposal (5 candidates for a target of 3), is refused a
// departure without a reason and applies the proposal; closes the final review and opens
// the public notice on the campaign page; the public (no sign-in) reads the notice, which
// shows no private field, is refused an anonymous objection and files a real one with a
// PDF as evidence (the secretariat downloads it); the
// secretariat upholds it (the entry comes off) and lists the next in the ranking in the
// freed seat; the objector's outcome is in the outbox; the notice ends, the lists are
// published, the public page shows the substitute and not the removed entry; the
// overview draws the review progress, the listed entries and the years, and the year's
// statistics download.
//
//   node --test tests/e2e/final_review.test.mjs
//
// KCZG_BINARY overrides the server binary, KCZG_CHROMIUM the browser (default
// /usr/bin/chromium).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, demoAccounts, demoPassword } from './server.mjs';
import { launchBrowser, openPage, signIn as signInAt, submit, text, beijing, setPhase } from './browser.mjs';

let server;
let browser;
const openContexts = [];

// What the tests hand on to each other.
const state = {
  secretariat: null, // the secretariat's signed-in { page, problems }
  listed: [], // application ids listed by the final review
  removed: 0, // the entry an upheld objection took off
  substitute: 0, // the next in the ranking listed in its place
  objector: 'zhang.ming@example.org',
};

before(async () => {
  server = await startServer({ stage: 'final_review' });
  browser = await launchBrowser();
});

after(async () => {
  for (const c of openContexts) await c.close().catch(() => {});
  await browser?.close();
  const exit = await server?.stop();
  if (exit) assert.equal(exit.code, 0, `kczg serve exit: ${JSON.stringify(exit)}\n${server.stderr()}`);
});

async function newPage({ ignoreStatusErrors = false } = {}) {
  const opened = await openPage(browser, { ignoreStatusErrors });
  openContexts.push(opened.context);
  return opened;
}

const minutes = 60_000;
const days = 24 * 60 * minutes;

// The campaign page, to move a phase on.
async function openCampaign(page) {
  await page.goto(`${server.url}/secretariat/campaign`);
}

async function finalRows(page) {
  return page.$$eval('table.final tbody tr', (rows) => rows.map((tr) => ({
    id: Number(tr.dataset.application),
    proposed: tr.dataset.proposed === 'true',
    state: tr.dataset.state,
  })));
}

test('the secretariat applies the final review proposal, after a departure refused without a reason', async () => {
  const { page, problems } = await newPage({ ignoreStatusErrors: true });
  state.secretariat = { page, problems };
  await signInAt(page, server.url, demoAccounts.secretariat, demoPassword);
  await page.goto(`${server.url}/secretariat/final-review`);
  const tally = page.locator('section.final-list[data-list="pioneer_tech"] .tally');
  assert.equal(await tally.getAttribute('data-target'), '3');
  assert.equal(await tally.getAttribute('data-listed'), '0');
  const rows = await finalRows(page);
  assert.equal(rows.length, 5, `the demo's shortlist: ${JSON.stringify(rows)}`);
  assert.ok(rows.every((r) => r.state === 'shortlisted'), JSON.stringify(rows));
  const proposed = rows.filter((r) => r.proposed);
  assert.equal(proposed.length, 3, `3 seats, 3 proposed: ${JSON.stringify(rows)}`);

  // Leaving out one the ranking proposes needs a reason; nothing changes without one.
  const refused = await submit(page, `#reject-${proposed[0].id}`);
  assert.equal(refused.status(), 422, 'a departure without a reason should answer 422');
  assert.match(await text(page, '#error'), /理由/);
  assert.equal(await page.getAttribute(`#application-${proposed[0].id}`, 'data-state'), 'shortlisted');

  await submit(page, '#apply-proposal');
  const after = await finalRows(page);
  state.listed = after.filter((r) => r.state === 'listed').map((r) => r.id);
  assert.deepEqual(state.listed.sort(), proposed.map((r) => r.id).sort());
  assert.equal(after.filter((r) => r.state === 'not_listed').length, 2);
  assert.equal(await tally.getAttribute('data-listed'), '3');
  assert.deepEqual(problems.filter((p) => !p.includes('422')), []);
});

test('the final review closes and the public notice opens on the campaign page', async () => {
  const { page } = state.secretariat;
  // Two minutes ago, so that the notice can end "now" later in this test (a phase must end
  // after it starts, to the minute).
  await openCampaign(page);
  await setPhase(page, 'final_review', null, beijing(-2 * minutes));
  await setPhase(page, 'public_notice', beijing(-2 * minutes), beijing(7 * days));
  await page.goto(`${server.url}/secretariat/final-review`);
  assert.equal(await page.locator('#apply-proposal').count(), 0, 'the proposal is still offered after the final review');
});

test('the public reads the notice without private fields and files an objection, not an anonymous one', async () => {
  const { page, problems } = await newPage({ ignoreStatusErrors: true });
  await page.goto(`${server.url}/notice`);
  const entries = await page.$$eval('#notice tbody tr', (rows) => rows.map((tr) => Number(tr.dataset.application)));
  assert.deepEqual(entries.sort(), [...state.listed].sort(), 'the notice does not show the listed entries');
  const body = await page.textContent('main');
  for (const secret of ['demo@example.org', '得分', 'score', '90.', '理由']) {
    assert.ok(!body.includes(secret), `the public notice shows "${secret}"`);
  }
  state.removed = entries[0];
  await Promise.all([page.waitForURL(`**/notice/${state.removed}/objection`), page.click(`#object-${state.removed}`)]);
  const grounds = '该技术的核心专利已于 2021 年转让他人，申报单位已不是权利人，附国家知识产权局登记簿副本为证。';
  await page.fill('#objection-name', '匿名');
  await page.fill('#objection-contact', 'x');
  await page.fill('#objection-grounds', grounds);
  const anonymous = await submit(page, '#objection-submit');
  assert.equal(anonymous.status(), 422);
  const errors = await page.locator('#problems li').allTextContents();
  assert.ok(errors.some((e) => e.includes('匿名异议不予受理')), `no refusal of an anonymous objection: ${errors}`);
  await page.fill('#objection-name', '张明');
  await page.fill('#objection-contact', state.objector);
  await page.fill('#objection-grounds', grounds);
  await page.setInputFiles('#objection-evidence-1', { name: '专利登记簿.pdf', mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
  const filed = await submit(page, '#objection-submit');
  assert.equal(filed.status(), 200);
  assert.match(await text(page, '#notice'), /异议已受理/);
  assert.deepEqual(problems.filter((p) => !p.includes('422')), []);
});

test('the secretariat upholds the objection and lists the next in the ranking in the freed seat', async () => {
  const { page } = state.secretariat;
  await page.goto(`${server.url}/secretariat/objections`);
  const row = page.locator(`tr[data-application="${state.removed}"]`);
  assert.equal(await row.getAttribute('data-state'), 'filed');
  assert.ok((await row.textContent()).includes(state.objector), 'the secretariat does not see who objected');
  const id = await row.getAttribute('data-objection');
  const evidence = await page.request.get(new URL(await page.getAttribute(`#evidence-${id}-1`, 'href'), page.url()).href);
  assert.equal(evidence.status(), 200);
  assert.ok((await evidence.body()).toString().startsWith('%PDF-'), 'the evidence is not the uploaded PDF');
  assert.equal((await page.textContent(`#evidence-${id}-1`)).trim(), '专利登记簿.pdf');
  await page.fill(`#resolution-${id}`, '经核实，专利已于 2021 年转让，异议成立');
  await submit(page, `#uphold-${id}`);
  assert.equal(await row.getAttribute('data-state'), 'upheld');

  const freed = page.locator('section.freed[data-list="pioneer_tech"]');
  assert.ok((await freed.locator('.freed-count').textContent()).includes('2 / 3'));
  const candidates = await freed.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.application)));
  assert.equal(candidates.length, 2, `the two not listed are the candidates: ${candidates}`);
  assert.ok(!candidates.includes(state.removed), 'the entry taken off is offered as its own substitute');
  state.substitute = candidates[0];
  await page.fill(`#substitute-reason-${state.substitute}`, '按终评排名递补');
  await submit(page, `#substitute-submit-${state.substitute}`);
  assert.equal(await page.locator('section.freed').count(), 0, 'a seat is still offered after the substitute took it');

  const notice = await page.request.get(`${server.url}/api/v1/notice`);
  const listed = (await notice.json()).entries.map((e) => e.application);
  assert.ok(listed.includes(state.substitute) && !listed.includes(state.removed), JSON.stringify(listed));

  await page.goto(`${server.url}/secretariat/outbox`);
  const outbox = await page.textContent('main');
  assert.ok(outbox.includes(state.objector) && outbox.includes('异议成立'), 'the objector is not told the outcome');
});

test('the notice ends, the lists are published, and the public page shows the substitute', async () => {
  const { page, problems } = state.secretariat;
  await openCampaign(page);
  await setPhase(page, 'public_notice', null, beijing(0));
  await setPhase(page, 'publication', beijing(0), beijing(30 * days));
  await page.goto(`${server.url}/secretariat/publication`);
  await page.check('#publish-confirm');
  const published = await submit(page, '#publish');
  assert.equal(published.status(), 200);
  assert.match(await text(page, '#notice'), /名单已发布，共 3 项/);

  const visitor = await newPage();
  await visitor.page.goto(`${server.url}/lists/2023`);
  const links = await visitor.page.$$eval('main a[href^="/lists/2023/"]', (as) => as.map((a) => a.getAttribute('href')));
  assert.ok(links.includes(`/lists/2023/${state.substitute}`), `the substitute is not published: ${links}`);
  assert.ok(!links.includes(`/lists/2023/${state.removed}`), 'the entry taken off is published');
  const record = await visitor.page.goto(`${server.url}/lists/2023/${state.substitute}`);
  assert.equal(record.status(), 200);
  assert.ok((await visitor.page.textContent('#entry-name')).trim().length > 0);
  assert.deepEqual(visitor.problems, []);
  assert.deepEqual(problems.filter((p) => !p.includes('422')), []);
});

test('the overview draws the listed entries and the years, and the statistics download', async () => {
  const { page } = state.secretariat;
  await page.goto(`${server.url}/secretariat/overview`);
  await page.waitForSelector('#chart-listed-by-list canvas');
  const drawn = await page.evaluate(() => {
    const chart = window.echarts.getInstanceByDom(document.getElementById('chart-listed-by-list'));
    return chart.getOption().series[0].data;
  });
  assert.deepEqual(drawn, [3], `the listed chart: ${JSON.stringify(drawn)}`);
  // The demo body scored every pair before reporting its shortlist.
  const progress = await page.$$eval('#review-progress tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));
  const demoBody = progress.find((cells) => cells[0] === '演示·评审机构');
  assert.ok(demoBody && Number(demoBody[1]) > 0 && demoBody[1] === demoBody[2], `review progress: ${JSON.stringify(progress)}`);
  await page.waitForSelector('#chart-review-progress canvas');
  await page.waitForSelector('#chart-by-year canvas');
  const years = await page.$$eval('#by-year tbody tr', (trs) => trs.map((tr) => tr.dataset.year));
  assert.ok(years.includes('2023'), `no 2023 in the years: ${years}`);

  const csv = await page.request.get(new URL(await page.getAttribute('#export-statistics-csv', 'href'), page.url()).href);
  assert.equal(csv.status(), 200);
  assert.match(csv.headers()['content-disposition'] ?? '', /kczg-statistics-2023\.csv/);
  const rows = (await csv.text()).split(/\r?\n/);
  assert.ok(rows.some((r) => r.startsWith('入选项目（按榜单）,先导技术榜,3')), `no listed count in the statistics:\n${rows.join('\n')}`);
  const xlsx = await page.request.get(new URL(await page.getAttribute('#export-statistics-xlsx', 'href'), page.url()).href);
  assert.equal(xlsx.status(), 200);
  assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK');
  for (const name of ['rankings', 'decisions', 'objections', 'scores', 'assignments', 'formal_check']) {
    const r = await page.request.get(`${server.url}/secretariat/exports/${name}.csv`);
    assert.equal(r.status(), 200, `${name}.csv`);
    assert.ok((await r.text()).split('\n').length > 2, `${name}.csv has no rows`);
  }
});
