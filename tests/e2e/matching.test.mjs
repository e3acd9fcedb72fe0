// Supply–demand matching in a real browser, from the demo two weeks after its lists were
// published (kczg demo load --live --stage published): the pilot city (温州) posts a
// technical demand, the secretariat approves it, the holder of a listed technology finds
// it ranked first on its entry's page and says it wants to talk — no contact shown yet —
// the pilot city says so too, both see the other's contact, negotiate and agree, and the
// matching statistics count the agreement, as a table and a chart.
//
//   node --test tests/e2e/matching.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, demoAccounts, demoHolder, demoPassword } from './server.mjs';
import { launchBrowser, openPage, signIn, submit, text } from './browser.mjs';

let server;
let browser;
const contexts = [];
const contact = '李工 0577-86660001';

before(async () => {
  server = await startServer({ stage: 'published' });
  browser = await launchBrowser();
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  const exit = await server?.stop();
  if (exit) assert.equal(exit.code, 0, `kczg serve exit: ${JSON.stringify(exit)}\n${server.stderr()}`);
});

// `ignoreStatusErrors`: the page is refused on purpose once (Chromium logs the 422).
async function as(role, { ignoreStatusErrors = false } = {}) {
  const opened = await openPage(browser, { ignoreStatusErrors });
  contexts.push(opened.context);
  await signIn(opened.page, server.url, role === 'holder' ? demoHolder : demoAccounts[role], demoPassword);
  return opened;
}

// The match of `demand` on the signed-in side's /dockings.
function dockingOf(page, demand) {
  return page.locator(`article.docking:has(a[href="/demands/${demand}"])`);
}

test('a pilot city demand, approved, ranked first for the holder, walked to an agreement the statistics count', async () => {
  const holder = await as('holder');
  // The holder's entry, from the demo's own match.
  await holder.page.goto(`${server.url}/dockings`);
  const entryHref = await holder.page.locator('article.docking h2 a[href^="/library/"]').first().getAttribute('href');
  const entry = Number(entryHref.split('/').pop());
  await holder.page.goto(`${server.url}${entryHref}`);
  const name = await text(holder.page, '#entry-name');
  assert.ok(name.length > 0);

  // The pilot city posts; a problem first, in Chinese, with what was typed kept.
  const pilot = await as('pilot_city', { ignoreStatusErrors: true });
  await pilot.page.goto(`${server.url}/demands/new`);
  await pilot.page.fill('#demand-title', `寻求${name}产业化合作`);
  await pilot.page.fill('#demand-description', `温州市鹿城区制造企业希望引进“${name}”，用于新建产线，半年内完成中试验证，欢迎技术持有方洽谈许可或联合开发。`);
  await pilot.page.fill('#demand-region', '330302');
  await pilot.page.fill('#demand-budget-min', '900000');
  await pilot.page.fill('#demand-budget-max', '500000');
  await pilot.page.fill('#demand-contact', contact);
  await pilot.page.selectOption('#demand-field', 'electronic_information');
  await pilot.page.check('#demand-cooperation-licence');
  const refused = await submit(pilot.page, '#demand-submit');
  assert.equal(refused.status(), 422);
  assert.match(await pilot.page.textContent('main'), /预算/);
  assert.equal(await pilot.page.inputValue('#demand-contact'), contact);
  await pilot.page.fill('#demand-budget-max', '2000000');
  const posted = await submit(pilot.page, '#demand-submit');
  assert.equal(posted.status(), 200);
  const demand = Number(new URL(pilot.page.url()).pathname.split('/').pop());
  assert.equal(await text(pilot.page, '#demand-state'), '待审核');
  assert.equal(await text(pilot.page, '#demand-contact'), contact);

  // The secretariat finds it in its queue and approves it; the holder's entry ranks first.
  const secretariat = await as('secretariat');
  await secretariat.page.goto(`${server.url}/demands`);
  await submit(secretariat.page, `#review-queue a[href="/demands/${demand}"]`);
  const approved = await submit(secretariat.page, '#approve-demand');
  assert.equal(approved.status(), 200);
  assert.equal(await text(secretariat.page, '#demand-state'), '已公开');
  assert.equal(Number(await secretariat.page.locator('#ranked-items li').first().getAttribute('data-entry')), entry);

  // The holder: the demand first on its entry's page, with why; it wants to talk.
  await holder.page.goto(`${server.url}/library/${entry}`);
  const first = holder.page.locator('#entry-demands li').first();
  assert.equal(Number(await first.getAttribute('data-demand')), demand);
  assert.match(await first.locator('.why').textContent(), /同领域/);
  await submit(holder.page, first.locator('button.interest'));
  const mine = dockingOf(holder.page, demand);
  assert.equal(await mine.getAttribute('data-state'), 'proposed');
  assert.equal(await mine.locator('.docking-contact').count(), 0, 'a contact before both sides agree');
  assert.ok(!(await holder.page.textContent('main')).includes('0577-86660001'));

  // The pilot city answers: both see the other's contact, then negotiate and agree.
  await pilot.page.goto(`${server.url}/dockings`);
  await submit(pilot.page, dockingOf(pilot.page, demand).locator('button.interest'));
  const theirs = dockingOf(pilot.page, demand);
  assert.equal(await theirs.getAttribute('data-state'), 'contacted');
  assert.match(await theirs.locator('.docking-contact').textContent(), new RegExp(demoHolder.replace('.', '\\.')));
  await submit(pilot.page, theirs.locator('button.negotiate'));
  await holder.page.goto(`${server.url}/dockings`);
  assert.equal(await text(holder.page, `article.docking:has(a[href="/demands/${demand}"]) .docking-contact`), contact);
  await submit(holder.page, dockingOf(holder.page, demand).locator('button.agree'));
  assert.equal(await dockingOf(holder.page, demand).getAttribute('data-state'), 'agreement');

  // The statistics: the demo's agreement and this one, as a table and a chart.
  await secretariat.page.goto(`${server.url}/matching/statistics?by=city`);
  const total = await secretariat.page.$$eval('#matching-statistics tbody tr:last-child td', (tds) => tds.map((td) => td.textContent.trim()));
  assert.equal(total[0], '合计');
  assert.equal(total[4], '2', `agreements: ${total}`);
  assert.ok((await secretariat.page.textContent('#matching-statistics')).includes('浙江省温州市'));
  await secretariat.page.waitForSelector('#chart-matching canvas');

  // The pilot city's dashboard draws its province's cities.
  await pilot.page.goto(`${server.url}/dashboard`);
  assert.equal(await text(pilot.page, '#pilot-agreements'), '2');
  await pilot.page.waitForSelector('#chart-pilot-city canvas');

  for (const who of [holder, pilot, secretariat]) assert.deepEqual(who.problems, []);
});
