// Preliminary review (初评) in a real browser: Debian's Chromium driven by playwright-core
// against a throwaway kczg (demo campaign, the demo body's plan left a draft).
//
// The body admin files the demo plan after a refused attempt (weights summing to 110),
// choosing the z-score aggregation; the secretariat approves it; the body admin runs the
// assignment and invites the pool; the demo expert (pool expert 1) reads an assigned
// application, is refused an out-of-range score, saves a draft, submits two sheets (one
// high, one low) and cannot open an application not assigned to them; the body admin's
// ranked board puts the higher one first, names the method, counts the sheets, lists the
// expert's deviation, exports CSV and shortlists to a size (and refuses "abc"); the
// expert's page in English.
//
//   node --test tests/e2e/review.test.mjs
//
// KCZG_BINARY overrides the server binary, KCZG_CHROMIUM the browser (default
// /usr/bin/chromium).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, demoAccounts, demoPassword } from './server.mjs';
import { launchBrowser, openPage, signIn as signInAt, submit, text } from './browser.mjs';

const demoBody = '演示·评审机构';
const criteria = ['innovation', 'maturity', 'market_value', 'team'];

let server;
let browser;
const openContexts = [];

// What the tests hand on to each other.
const state = {
  admin: null, // the body admin's signed-in { page, problems }, kept open across tests
  expert: null, // the demo expert's signed-in { page, problems }
  expertName: '', // as the expert's own page names them
  assignments: [], // [{ id, number, title }] on the expert's page, in its order
  high: null, // { id, number, title } scored 9/8/9/8
  low: null, // { id, number, title } scored 5/5/6/4
};

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  for (const c of openContexts) await c.close().catch(() => {});
  await browser?.close();
  const exit = await server?.stop();
  if (exit) assert.equal(exit.code, 0, `kczg serve exit: ${JSON.stringify(exit)}\n${server.stderr()}`);
});

// A fresh context (Accept-Language zh-CN) whose page collects script errors, CSP violations
// and failed sub-resources. `ignoreStatusErrors` for pages that are refused on purpose.
async function newPage({ ignoreStatusErrors = false } = {}) {
  const opened = await openPage(browser, { ignoreStatusErrors });
  openContexts.push(opened.context);
  return opened;
}

function signIn(page, login) {
  return signInAt(page, server.url, login, demoPassword);
}

// The list items of an error list (#review-errors, #sheet-errors), or [] when there is none.
async function listed(page, selector) {
  return page.locator(`${selector} li`).allTextContents();
}

async function fillScores(page, scores) {
  for (const [i, code] of criteria.entries()) await page.fill(`#score-${code}`, String(scores[i]));
}

// The board's rows as the table shows them (榜单, 名次, 编号, 名称, …, chosen).
async function boardRows(page) {
  return page.$$eval('#board tbody tr', (rows) => rows.map((tr) => {
    const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent.trim());
    return { where: cells[0], rank: cells[1], number: cells[2], title: cells[3], chosen: tr.classList.contains('chosen'), cells };
  }));
}

test('the body admin files the plan, after a refused one whose weights sum to 110', async () => {
  const { page, problems } = await newPage({ ignoreStatusErrors: true });
  state.admin = { page, problems };
  await signIn(page, demoAccounts.review_body);
  await Promise.all([page.waitForURL('**/review'), page.click('#review-link')]);
  assert.equal(await page.getAttribute('#plan-state', 'data-state'), 'draft');
  assert.equal(await page.locator('#run-assignment').count(), 0, 'assignment offered for a draft plan');

  // The demo plan as loaded: 4 criteria 30/25/25/20, k=3, load 8, industry ≥ 1, trimmed mean.
  const weights = [];
  for (let i = 0; i < 4; i++) weights.push(await page.inputValue(`#crit-weight-${i}`));
  assert.deepEqual(weights, ['30', '25', '25', '20']);
  assert.deepEqual(
    await Promise.all(criteria.map((_, i) => page.inputValue(`input[name=crit_code_${i}]`))), criteria);
  assert.equal(await page.inputValue('#plan-k'), '3');
  assert.equal(await page.inputValue('#plan-load'), '8');
  assert.equal(await page.inputValue('#min-industry'), '1');
  assert.equal(await page.inputValue('#min-academia'), '0');
  assert.equal(await page.inputValue('#min-investment'), '0');
  assert.equal(await page.inputValue('#plan-aggregation'), 'trimmed_mean');

  // Weights summing to 110 are refused as a whole; nothing is filed.
  await page.fill('#crit-weight-0', '40');
  const refused = await submit(page, '#file-plan');
  assert.equal(refused.status(), 400, 'filing a plan whose weights sum to 110 should answer 400');
  const errors = await listed(page, '#review-errors');
  assert.ok(errors.some((e) => e.includes('100') && e.includes('110')),
    `no message that the weights (110) must sum to 100: ${JSON.stringify(errors)}`);
  assert.equal(await page.getAttribute('#plan-state', 'data-state'), 'draft', 'a refused plan left the draft state');
  assert.equal(await page.inputValue('#crit-weight-0'), '40', 'the refused form does not show what was entered');

  // Put it right, choose the z-score calibration, file.
  await page.fill('#crit-weight-0', '30');
  await page.selectOption('#plan-aggregation', 'zscore');
  const filed = await submit(page, '#file-plan');
  assert.equal(filed.status(), 200);
  assert.equal(await page.locator('#review-errors').count(), 0, `filing refused: ${await listed(page, '#review-errors')}`);
  assert.ok((await text(page, '#review-notice')).includes('备案'), `no filing notice: "${await text(page, '#review-notice')}"`);
  assert.equal(await page.getAttribute('#plan-state', 'data-state'), 'filed');
  assert.equal(await page.locator('#plan-form').count(), 0, 'a filed plan is still editable');
  assert.equal(await page.locator('#run-assignment').count(), 0, 'assignment offered before the plan is approved');
  assert.deepEqual(problems, []);
});

test('the secretariat approves the filed plan', async () => {
  const { page, problems } = await newPage();
  await signIn(page, demoAccounts.secretariat);
  await Promise.all([page.waitForURL('**/secretariat/review'), page.click('#secretariat-review-link')]);
  const body = page.locator(`section.review-body[data-body="${demoBody}"]`);
  assert.equal(await body.count(), 1, `no section for ${demoBody}`);
  assert.equal(await body.locator('.plan-state').getAttribute('data-state'), 'filed');
  assert.ok((await body.textContent()).includes('标准化'), 'the filed plan does not name the z-score method');
  assert.equal(await body.locator('.return-plan').count(), 1, 'a filed plan cannot be returned');
  assert.equal(await body.locator('.return-reason').count(), 1, 'no field for the reason to return');

  const approved = await submit(page, body.locator('.approve-plan'));
  assert.equal(approved.status(), 200);
  assert.equal(await page.locator('#review-error').filter({ hasText: /\S/ }).count(), 0,
    `approval refused: ${await page.locator('#review-error').allTextContents()}`);
  const notice = await text(page, '#review-notice');
  assert.ok(notice.includes('已批准') && notice.includes(demoBody), `no approval notice: "${notice}"`);
  assert.equal(await body.locator('.plan-state').getAttribute('data-state'), 'approved');
  assert.equal(await body.locator('.approve-plan').count(), 0, 'an approved plan is offered for approval again');
  assert.deepEqual(problems, []);
});

test('the body admin runs the assignment and invites the pool', async () => {
  assert.ok(state.admin, 'no body admin page from the first test');
  const { page, problems } = state.admin;
  await page.goto(`${server.url}/review`);
  assert.equal(await page.getAttribute('#plan-state', 'data-state'), 'approved');

  const ran = await submit(page, '#run-assignment');
  assert.equal(ran.status(), 200);
  assert.equal(await page.locator('#review-errors').count(), 0, `assignment refused: ${await listed(page, '#review-errors')}`);
  const notice = await text(page, '#review-notice');
  const pairs = Number(notice.match(/已分配 (\d+) 个/)?.[1]);
  assert.ok(pairs > 0, `no pairs assigned: "${notice}"`);
  const summary = (await text(page, '#assignment-summary')).match(/申报 (\d+) · 专家库 (\d+) · 评审任务 (\d+) · 已提交评分 (\d+)/);
  assert.ok(summary, `unexpected assignment summary: "${await text(page, '#assignment-summary')}"`);
  const [applications, pool, assigned, submitted] = summary.slice(1).map(Number);
  assert.ok(applications > 0 && pool > 0, summary[0]);
  assert.equal(assigned, pairs, `the summary (${summary[0]}) and the notice ("${notice}") disagree`);
  assert.ok(pairs <= applications * 3, `more than k=3 experts per application: ${summary[0]}`);
  assert.equal(submitted, 0);

  // Invitations for every pool entry without an account (the demo expert has one).
  const notInvitedCell = page.locator('#expert-progress tbody td:nth-child(4)', { hasText: '未邀请' });
  const uninvited = await notInvitedCell.count();
  assert.ok(uninvited > 0 && uninvited < pool, `${uninvited} of ${pool} experts without an account`);
  const invited = await submit(page, '#invite-experts');
  assert.equal(invited.status(), 200);
  assert.equal(await page.locator('#review-errors').count(), 0, `invitations refused: ${await listed(page, '#review-errors')}`);
  const sent = await text(page, '#review-notice');
  assert.equal(Number(sent.match(/已发送 (\d+) 封/)?.[1]), uninvited, `not ${uninvited} invitations: "${sent}"`);
  assert.equal(await notInvitedCell.count(), 0, 'experts still without an account after the invitations');
  assert.deepEqual(problems, []);
});

test('the expert scores two assigned applications and cannot open another', async () => {
  const { page, problems } = await newPage({ ignoreStatusErrors: true });
  state.expert = { page, problems };
  await signIn(page, demoAccounts.expert);
  await Promise.all([page.waitForURL('**/expert'), page.click('#expert-link')]);
  state.expertName = (await text(page, 'main h1 + p')).split(' · ')[0];
  assert.ok(state.expertName, 'the expert page does not name the expert');
  state.assignments = await page.$$eval('#expert-assignments tbody tr', (rows) => rows.map((tr) => {
    const link = tr.querySelector('a[id^="assignment-"]');
    return {
      id: link ? Number(link.id.slice('assignment-'.length)) : 0,
      href: link?.getAttribute('href'),
      number: tr.cells[0].textContent.trim(),
      title: tr.cells[1].textContent.trim(),
    };
  }));
  const readable = state.assignments.filter((a) => a.id > 0);
  assert.ok(readable.length >= 2, `the demo expert needs at least 2 assignments: ${JSON.stringify(state.assignments)}`);
  for (const a of readable) assert.equal(a.href, `/expert/applications/${a.id}`);
  [state.high, state.low] = readable;
  const sheetUrl = (a) => `${server.url}/expert/applications/${a.id}`;

  // The first: the application itself is readable from the sheet.
  await Promise.all([page.waitForURL(`**/expert/applications/${state.high.id}`), page.click(`#assignment-${state.high.id}`)]);
  assert.equal(await text(page, 'main h2'), state.high.title);
  for (const code of criteria) {
    assert.equal(await page.getAttribute(`#score-${code}`, 'min'), '0');
    assert.equal(await page.getAttribute(`#score-${code}`, 'max'), '10');
  }
  const read = await submit(page, '#read-application');
  assert.equal(read.status(), 200, `the expert cannot read assigned application ${state.high.id}`);
  assert.equal(new URL(page.url()).pathname, `/applications/${state.high.id}`);

  // 11 of 10: past the browser's own check (max removed), the server refuses it; nothing saved.
  await page.goto(sheetUrl(state.high));
  await page.$eval('#score-innovation', (input) => input.removeAttribute('max'));
  await fillScores(page, [11, 8, 8, 8]);
  const refused = await submit(page, '#submit-sheet');
  assert.equal(refused.status(), 422, 'an out-of-range score should answer 422');
  const errors = await listed(page, '#sheet-errors');
  assert.ok(errors.some((e) => e.includes('11') && e.includes('0 至 10')),
    `no message that 11 is outside 0 至 10: ${JSON.stringify(errors)}`);
  assert.equal(await page.locator('#sheet-final').count(), 0, 'a refused sheet was submitted');
  await page.goto(sheetUrl(state.high));
  for (const code of criteria) assert.equal(await page.inputValue(`#score-${code}`), '', `the refused ${code} score was kept`);

  // A draft with two scores survives a reload.
  await page.fill('#score-innovation', '7');
  await page.fill('#score-maturity', '6.5');
  await page.fill('#comment', '技术路线清晰');
  const saved = await submit(page, '#save-sheet');
  assert.equal(saved.status(), 200);
  assert.equal(await page.locator('#sheet-errors').count(), 0, `draft refused: ${await listed(page, '#sheet-errors')}`);
  assert.ok((await text(page, '#sheet-notice')).includes('已保存'), `no draft notice: "${await text(page, '#sheet-notice')}"`);
  await page.goto(sheetUrl(state.high));
  assert.equal(await page.inputValue('#score-innovation'), '7');
  assert.equal(await page.inputValue('#score-maturity'), '6.5');
  assert.equal(await page.inputValue('#score-market_value'), '');
  assert.equal(await page.inputValue('#comment'), '技术路线清晰');

  // Submitted: read-only from then on.
  await fillScores(page, [9, 8, 9, 8]);
  const done = await submit(page, '#submit-sheet');
  assert.equal(done.status(), 200);
  assert.equal(await page.locator('#sheet-errors').count(), 0, `submission refused: ${await listed(page, '#sheet-errors')}`);
  await page.goto(sheetUrl(state.high));
  assert.equal(await page.locator('#sheet-final').count(), 1, 'the submitted sheet is not marked final');
  assert.equal(await page.locator('#sheet-form').count(), 0, 'a submitted sheet is still editable');
  const shown = await page.$$eval('#sheet-scores tbody tr', (rows) => rows.map((tr) => tr.cells[2].textContent.trim()));
  assert.deepEqual(shown, ['9', '8', '9', '8']);

  // The second, lower.
  await page.goto(sheetUrl(state.low));
  await fillScores(page, [5, 5, 6, 4]);
  await submit(page, '#submit-sheet');
  assert.equal(await page.locator('#sheet-errors').count(), 0, `submission refused: ${await listed(page, '#sheet-errors')}`);
  assert.equal(await page.locator('#sheet-final').count(), 1, 'the second sheet is not marked final');

  await page.goto(`${server.url}/expert`);
  assert.ok((await text(page, '#expert-progress')).includes(`已提交 2 / ${readable.length}`),
    `progress: "${await text(page, '#expert-progress')}"`);

  // An application that is not the expert's is not found, though it exists.
  const assignedIds = new Set(state.assignments.map((a) => a.id));
  const other = Array.from({ length: 60 }, (_, i) => i + 1).find((id) => !assignedIds.has(id));
  const response = await page.goto(`${server.url}/expert/applications/${other}`);
  assert.equal(response.status(), 404, `the expert opened unassigned application ${other}`);
  assert.equal(await page.locator('#sheet-form').count(), 0);
  const secretariat = await newPage();
  await signIn(secretariat.page, demoAccounts.secretariat);
  const exists = await secretariat.page.goto(`${server.url}/applications/${other}`);
  assert.equal(exists.status(), 200, `application ${other} does not exist: the 404 above proves nothing`);
  assert.deepEqual(secretariat.problems, []);
  assert.deepEqual(problems, []);
});

test('the board ranks the higher score first, exports CSV and shortlists', async () => {
  assert.ok(state.admin && state.high && state.low, 'no body admin page or scored applications from the earlier tests');
  const { page, problems } = state.admin;
  await page.goto(`${server.url}/review`);
  await Promise.all([page.waitForURL('**/review/board'), page.click('#board-link')]);
  assert.equal(await text(page, '#board-method'), '标准化（Z 分数）校准分');
  assert.ok((await text(page, '#board-progress')).includes('已提交评分 2'), `progress: "${await text(page, '#board-progress')}"`);

  const rows = await boardRows(page);
  const high = rows.find((r) => r.number === state.high.number);
  const low = rows.find((r) => r.number === state.low.number);
  assert.ok(high && low, `the scored applications are not both on the board: ${JSON.stringify(rows)}`);
  assert.equal(rows.length, 2, `only the two scored applications belong on the board: ${JSON.stringify(rows)}`);
  assert.equal(high.title, state.high.title);
  assert.equal(low.title, state.low.title);
  assert.equal(high.where, low.where, 'the two applications are ranked in different lists: no order to compare');
  assert.ok(parseInt(high.rank, 10) < parseInt(low.rank, 10), `9/8/9/8 not ranked above 5/5/6/4: ${JSON.stringify([high, low])}`);
  assert.ok(rows.indexOf(high) < rows.indexOf(low), 'the higher-ranked row is shown below the lower one');

  const deviations = await page.$$eval('#deviations tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent.trim())));
  const mine = deviations.find((cells) => cells[0].startsWith(state.expertName));
  assert.ok(mine, `the expert ${state.expertName} is not in the deviations: ${JSON.stringify(deviations)}`);
  assert.equal(mine[1], '2', `the deviations do not count the expert's 2 sheets: ${mine}`);

  // CSV, with the session's cookies.
  const href = await page.getAttribute('#board-csv', 'href');
  const csv = await page.request.get(new URL(href, page.url()).href);
  assert.equal(csv.status(), 200);
  assert.match(csv.headers()['content-type'], /^text\/csv/);
  assert.match(csv.headers()['content-disposition'] ?? '', /^attachment; filename="kczg-board-\d{4}\.csv"$/);
  const csvText = await csv.text();
  assert.ok(csvText.split('\n')[0].includes('名次'), `no 名次 in the CSV header: ${csvText.split('\n')[0]}`);
  for (const a of [state.high, state.low]) assert.ok(csvText.includes(a.title), `the CSV lacks ${a.title}:\n${csvText}`);
  assert.ok(csvText.indexOf(state.high.title) < csvText.indexOf(state.low.title), `the CSV is not in rank order:\n${csvText}`);

  // A shortlist of 1: the higher one only.
  await page.fill('#shortlist-size', '1');
  const sized = await submit(page, '#apply-size');
  assert.equal(sized.status(), 200);
  const chosen = (await boardRows(page)).filter((r) => r.chosen);
  assert.deepEqual(chosen.map((r) => r.number), [state.high.number], 'a shortlist of 1 is not the higher-ranked application');

  // Not a size.
  await page.fill('#shortlist-size', 'abc');
  const bad = await submit(page, '#apply-size');
  assert.equal(bad.status(), 400, 'shortlist size "abc" should answer 400');
  assert.ok((await text(page, '#board-error')).includes('abc'), `no error naming "abc": "${await text(page, '#board-error')}"`);
  assert.deepEqual(problems, []);
});

// kainjow mustache shows {{#notice}}…{{/notice}} for any string, even an empty one: a plain
// GET must carry no empty role="status"/role="alert" paragraph.
test('plain review pages carry no empty notice or error', async () => {
  assert.ok(state.admin && state.expert && state.low, 'no pages from the earlier tests');
  const secretariat = await newPage();
  await signIn(secretariat.page, demoAccounts.secretariat);
  const checks = [
    [state.admin.page, '/review', ['#review-notice', '#review-errors']],
    [secretariat.page, '/secretariat/review', ['#review-notice', '#review-error']],
    [state.expert.page, `/expert/applications/${state.low.id}`, ['#sheet-notice', '#sheet-errors']],
  ];
  const empty = [];
  for (const [page, at, selectors] of checks) {
    await page.goto(`${server.url}${at}`);
    for (const selector of selectors) {
      for (const html of await page.locator(selector).evaluateAll((els) => els.map((e) => e.outerHTML))) {
        empty.push(`${at}: ${html}`);
      }
    }
  }
  assert.deepEqual(empty, [], 'a plain GET shows a notice or error nobody asked for');
});

test('the expert page in English', async () => {
  assert.ok(state.expert, 'no expert page from an earlier test');
  const { page, problems } = state.expert;
  const response = await page.goto(`${server.url}/expert?lang=en`);
  assert.equal(response.status(), 200);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.ok((await text(page, 'main h1')).includes('My reviews'), `h1: "${await text(page, 'main h1')}"`);
  assert.deepEqual(problems, []);
});
