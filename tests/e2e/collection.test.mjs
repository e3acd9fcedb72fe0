// The collection phase in a real browser: Debian's Chromium driven by playwright-core against
// a throwaway kczg (demo campaign, collection open today).
//
// An enterprise registers, fills the emerging_enterprise form (autosave, reload), attaches
// the signed form (PDF), submits, gets a receipt and downloads the 申报书; the demo unit
// recommends it; four more pioneer_tech applications (prepared through the JSON API) go to
// the unit in one field with quota 3 and the fourth is refused, in Chinese and in English;
// the secretariat's overview counts the five new applications.
//
//   node --test tests/e2e/collection.test.mjs
//
// KCZG_BINARY overrides the server binary, KCZG_CHROMIUM the browser (default
// /usr/bin/chromium), KCZG_E2E_SCREENSHOTS a directory that keeps the receipt screenshot
// (otherwise it goes to the server's temp dir and is removed with it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { request } from 'playwright-core';
import { startServer, usccWithCheck, demoAccounts, demoPassword } from './server.mjs';
import { launchBrowser, openPage, signIn as signInAt } from './browser.mjs';

const run = promisify(execFile);

let server;
let browser;
const apiContexts = [];
const openContexts = [];

// What the tests hand on to each other.
const state = {
  totalBefore: 0, // applications in the campaign before the test
  unitApi: null, // the demo unit account through the JSON API
  unitId: 0, // the demo unit account's unit
  unitName: '', // as the applicant's unit <select> shows it
  pdfPath: '',
  application: null, // { id, name } of the browser applicant's emerging_enterprise application
  unitPage: null, // the unit's signed-in page (kept open across tests)
  pioneer: null, // { field, ids, titles } of the four pioneer_tech applications
};

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  state.pdfPath = path.join(server.dir, '申报书扫描件.pdf');
  await writeFile(state.pdfPath, smallPdf('kczg e2e signed form'));
  state.totalBefore = await applicationsTotal();
  const unit = await apiSignIn(demoAccounts.unit, demoPassword);
  state.unitApi = unit;
  state.unitId = unit.me.unit_id;
  assert.ok(Number.isInteger(state.unitId) && state.unitId > 0, `demo unit account has no unit: ${JSON.stringify(unit.me)}`);
});

after(async () => {
  for (const c of openContexts) await c.close().catch(() => {});
  for (const c of apiContexts) await c.dispose().catch(() => {});
  await browser?.close();
  const exit = await server?.stop();
  if (exit) assert.equal(exit.code, 0, `kczg serve exit: ${JSON.stringify(exit)}\n${server.stderr()}`);
});

// A small but well-formed PDF (one page, one line of text) with a correct xref table.
function smallPdf(text) {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
  ];
  const stream = `BT /F1 18 Tf 72 760 Td (${text}) Tj ET`;
  objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  let body = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

async function applicationsTotal() {
  const api = await request.newContext({ baseURL: server.url });
  try {
    const r = await api.get('/api/v1/campaign');
    assert.equal(r.status(), 200);
    const byState = (await r.json()).applications_by_state;
    return Object.values(byState).reduce((sum, n) => sum + n, 0);
  } finally {
    await api.dispose();
  }
}

// A cookie-keeping API client signed in through the sign-in form; `me` carries the CSRF token.
async function apiSignIn(login, password) {
  const api = await request.newContext({ baseURL: server.url, extraHTTPHeaders: { 'Accept-Language': 'zh-CN' } });
  apiContexts.push(api);
  const r = await api.post('/sign-in', { form: { login, password }, maxRedirects: 0 });
  assert.equal(r.status(), 303, `${login}: sign-in answered ${r.status()}: ${(await r.text()).slice(0, 300)}`);
  const me = await (await api.get('/api/v1/me')).json();
  assert.ok(me.csrf_token, `no CSRF token for ${login}: ${JSON.stringify(me)}`);
  return { api, me, csrf: me.csrf_token };
}

async function apiRegisterEnterprise(n) {
  const name = `杭州端到端第${n}号科技有限公司`;
  const uscc = usccWithCheck(`91330106${String(700 + n).padStart(9, '0')}`);
  const login = `e2e-collection-${process.pid}-${n}@example.com`;
  const password = 'e2e-password-2023';
  const api = await request.newContext({ baseURL: server.url, extraHTTPHeaders: { 'Accept-Language': 'zh-CN' } });
  apiContexts.push(api);
  const r = await api.post('/register', {
    form: { kind: 'enterprise', name, uscc, contact: '联系人 13800000000', login, password, password2: password },
    maxRedirects: 0,
  });
  assert.equal(r.status(), 303, `registration of ${name} answered ${r.status()}: ${(await r.text()).slice(0, 400)}`);
  // Registering signs the applicant in.
  const me = await (await api.get('/api/v1/me')).json();
  assert.equal(me.role, 'applicant', `not signed in after registering: ${JSON.stringify(me)}`);
  assert.ok(me.csrf_token);
  return { api, me, csrf: me.csrf_token, name, uscc };
}

async function apiCall(who, method, url, { json, body, contentType } = {}) {
  const headers = { 'X-CSRF-Token': who.csrf };
  let data;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    data = JSON.stringify(json);
  } else if (body !== undefined) {
    headers['Content-Type'] = contentType;
    data = body;
  }
  const r = await who.api.fetch(url, { method, headers, data });
  const text = await r.text();
  let parsed = null;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  return { status: r.status(), text, json: parsed };
}

async function form(list) {
  const api = await request.newContext({ baseURL: server.url });
  try {
    const r = await api.get(`/api/v1/forms/${list}`);
    assert.equal(r.status(), 200);
    return await r.json();
  } finally {
    await api.dispose();
  }
}

// The campaign's names ({zh, en}) of a list and one of its fields.
async function listAndFieldNames(listCode, fieldCode) {
  const api = await request.newContext({ baseURL: server.url });
  try {
    const campaign = await (await api.get('/api/v1/campaign')).json();
    const list = campaign.lists.find((l) => l.code === listCode);
    const field = list?.fields.find((f) => f.code === fieldCode);
    assert.ok(field, `no ${listCode} field ${fieldCode} in the campaign`);
    return { list: list.name, field: field.name };
  } finally {
    await api.dispose();
  }
}

function requiredFields(f) {
  return f.sections.flatMap((s) => s.fields).filter((field) => field.required);
}

// A value that passes the field: Chinese text within min..max characters, numbers within
// min..max, a fixed date, the first choice, the applicant's USCC, a Hangzhou district.
function validValue(field, { title, uscc }) {
  const clamp = (v) => Math.min(Math.max(v, field.min ?? v), field.max ?? v);
  switch (field.type) {
    case 'text':
    case 'textarea': {
      let chars = [...title];
      while (chars.length < (field.min ?? 1)) chars = chars.concat([...'，依托自主研发的核心技术推动产业创新发展']);
      if (field.max != null && chars.length > field.max) chars = chars.slice(0, field.max);
      return chars.join('');
    }
    case 'integer': return String(clamp(12));
    case 'decimal': return String(clamp(1234.5));
    case 'date': return '2020-05-01';
    case 'choice': return field.options[0].code;
    case 'uscc': return uscc;
    case 'region': return '330106';
    case 'attestation': return '1';
    default: throw new Error(`no test value for field type ${field.type} (${field.name})`);
  }
}

// A fresh browser context (Accept-Language zh-CN) whose page collects script errors, CSP
// violations and failed sub-resources.
async function newPage() {
  const opened = await openPage(browser, { acceptDownloads: true, ignoreStatusErrors: true });
  openContexts.push(opened.context);
  return opened;
}

function signIn(page, login, password) {
  return signInAt(page, server.url, login, password);
}

async function quotaRows(page) {
  return page.$$eval('#quota tbody tr', (rows) => rows.map((tr) => {
    const [name, used, total] = [...tr.querySelectorAll('td')].map((td) => td.textContent.trim());
    return { name, used: Number(used), total: Number(total), full: tr.classList.contains('full') };
  }));
}

async function results(page) {
  return page.$$eval('#results li', (items) => items.map((li) => ({ ok: li.classList.contains('ok'), text: li.textContent.trim() })));
}

async function decide(page, ids) {
  for (const id of ids) await page.check(`#select-${id}`);
  assert.equal(await page.isChecked('input[name=action][value=recommend]'), true, 'action is not "recommend" by default');
  const [response] = await Promise.all([page.waitForNavigation(), page.click('#decide')]);
  return response;
}

test('an enterprise fills, autosaves, attaches, submits and downloads its 申报书', async () => {
  const { context, page, problems } = await newPage();
  const name = '杭州示例端到端科技有限公司';
  const uscc = usccWithCheck('91330106MA2E2E001');
  const login = `e2e-applicant-${process.pid}@example.com`;
  const password = 'e2e-password-2023';

  // Register; the dashboard offers a new application; start the emerging_enterprise list.
  await page.goto(`${server.url}/register`);
  await page.check('input[name=kind][value=enterprise]');
  await page.fill('input[name=name]', name);
  await page.fill('input[name=uscc]', uscc);
  await page.fill('input[name=contact]', '王经理 13800000001');
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', password);
  await page.fill('input[name=password2]', password);
  await Promise.all([page.waitForNavigation(), page.click('#register-submit')]);
  assert.equal(await page.locator('p.error').count(), 0, `registration refused: ${await page.locator('p.error').allTextContents()}`);
  assert.equal(new URL(page.url()).pathname, '/dashboard');
  await Promise.all([page.waitForURL('**/applications/new'), page.click('#new-application')]);
  await Promise.all([page.waitForURL(/\/applications\/\d+$/), page.click('#start-emerging_enterprise')]);
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  assert.ok(id > 0);
  assert.equal(await page.getAttribute('#application-state', 'data-state'), 'draft');

  // Autosave: type the enterprise name, the page PUTs it within a tick (4 s) and says so.
  const f = await form('emerging_enterprise');
  const values = Object.fromEntries(requiredFields(f).map((field) => [field.name, validValue(field, { title: name, uscc })]));
  values[f.title_field] = name;
  await page.fill(`#v_${f.title_field}`, name);
  await page.waitForFunction(() => document.getElementById('autosave-status').textContent.trim() !== '', null, { timeout: 7_000 });
  const saved = await page.getAttribute('#autosave-status', 'data-saved');
  assert.ok((await page.textContent('#autosave-status')).startsWith(saved), `autosave failed: ${await page.textContent('#autosave-status')}`);
  await page.reload();
  assert.equal(await page.inputValue(`#v_${f.title_field}`), name, 'the autosaved name is gone after a reload');

  // The rest of the form, from the form's own definition, and the demo unit. Listening
  // first: an autosave tick may come while the last field is being filled.
  const allSaved = page.waitForResponse((r) => {
    if (r.request().method() !== 'PUT' || !r.url().endsWith(`/api/v1/applications/${id}`)) return false;
    const sent = JSON.parse(r.request().postData() || '{}');
    return sent.unit_id === state.unitId && Object.entries(values).every(([k, v]) => sent.values?.[k] === v);
  }, { timeout: 15_000 });
  allSaved.catch(() => {}); // awaited below; no unhandled rejection if filling fails first
  for (const field of requiredFields(f)) {
    if (field.name === f.title_field) continue;
    const selector = `#v_${field.name}`;
    if (field.type === 'choice') await page.selectOption(selector, values[field.name]);
    else if (field.type === 'attestation') await page.check(selector);
    else await page.fill(selector, values[field.name]);
  }
  await page.selectOption('#unit_id', String(state.unitId));
  state.unitName = (await page.locator(`#unit_id option[value="${state.unitId}"]`).textContent()).trim();
  // The upload below leaves the page: wait until autosave has stored everything.
  const stored = await allSaved;
  assert.equal(stored.status(), 200, `autosave answered ${stored.status()}: ${await stored.text()}`);

  // Attach the signed form.
  await page.setInputFiles('#file-signed_form', state.pdfPath);
  await Promise.all([page.waitForNavigation(), page.click('#upload-signed_form')]);
  assert.equal(await page.locator('#upload-error').count(), 0, `upload refused: ${await page.locator('#upload-error').allTextContents()}`);
  assert.ok((await page.textContent('main')).includes(path.basename(state.pdfPath)), 'the uploaded file name is not shown');
  assert.equal(await page.inputValue(`#v_${f.title_field}`), name, 'the upload lost the form values');

  // Submit: a receipt with the content digest and the Beijing time.
  await Promise.all([page.waitForNavigation(), page.click('#submit-application')]);
  const errors = page.locator('#form-errors');
  assert.equal(await errors.count(), 0, `submission refused: ${await errors.count() && await errors.textContent()}`);
  await page.waitForSelector('#receipt');
  assert.match((await page.textContent('#receipt-sha256')).trim(), /^[0-9a-f]{64}$/);
  assert.match((await page.textContent('#receipt-time')).trim(), /\+08:00$/);
  assert.equal(await page.getAttribute('#application-state', 'data-state'), 'submitted');
  const shots = process.env.KCZG_E2E_SCREENSHOTS || server.dir;
  await mkdir(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, 'application-receipt.png'), fullPage: true });

  // The 申报书 names the enterprise.
  const href = await page.getAttribute('#form-pdf', 'href');
  const pdf = await context.request.get(new URL(href, page.url()).href);
  assert.equal(pdf.status(), 200);
  assert.match(pdf.headers()['content-type'], /^application\/pdf/);
  const pdfFile = path.join(server.dir, `form-${id}.pdf`);
  await writeFile(pdfFile, await pdf.body());
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', pdfFile, '-']);
  assert.ok(stdout.includes(name), `the 申报书 does not name ${name}:\n${stdout.slice(0, 1000)}`);

  assert.deepEqual(problems, []);
  state.application = { id, name };
  await context.close();
});

test('the unit recommends it and its quota use shows it', async () => {
  assert.ok(state.application, 'no application from the first test');
  const { page, problems } = await newPage();
  state.unitPage = { page, problems };
  await signIn(page, demoAccounts.unit, demoPassword);
  await page.goto(`${server.url}/unit/applications`);
  assert.ok((await page.textContent('main')).includes(state.unitName), `the unit page is not ${state.unitName}'s`);
  const { id, name } = state.application;
  const row = page.locator('#unit-decisions tbody tr', { has: page.locator(`#select-${id}`) });
  assert.equal(await row.count(), 1, `application ${id} is not decidable on the unit's page`);
  assert.ok((await row.textContent()).includes(name));
  const listName = (await row.locator('td').nth(4).textContent()).trim();
  const before = (await quotaRows(page)).find((r) => r.name === listName);
  assert.ok(before, `no quota row for ${listName}`);

  const response = await decide(page, [id]);
  assert.equal(response.status(), 200);
  const outcome = await results(page);
  assert.equal(outcome.length, 1);
  assert.ok(outcome[0].ok && outcome[0].text.startsWith(name), `not recommended: ${JSON.stringify(outcome)}`);
  assert.equal(await page.locator(`#unit-decisions tr[data-state="recommended"]`, { hasText: name }).count(), 1);
  const after = (await quotaRows(page)).find((r) => r.name === listName);
  assert.deepEqual(after, { ...before, used: before.used + 1, full: before.used + 1 >= before.total });
  assert.deepEqual(problems, []);
});

test('the fourth pioneer_tech recommendation in a field with quota 3 is refused, in Chinese and English', async () => {
  assert.ok(state.unitPage, 'no unit page from the previous test');
  const { page, problems } = state.unitPage;

  // A field in which the demo unit has recommended nothing yet (not industrial_foundation or
  // green_low_carbon: they ask for more than the required fields).
  const unit = state.unitApi;
  const mine = (await apiCall(unit, 'GET', '/api/v1/applications')).json;
  const used = new Set(mine.filter((a) => a.list === 'pioneer_tech' && a.state === 'recommended').map((a) => a.field));
  const field = ['biomedicine', 'equipment_manufacturing', 'advanced_materials', 'electronic_information'].find((c) => !used.has(c));
  assert.ok(field, `the demo unit has recommendations in every field: ${[...used]}`);

  const f = await form('pioneer_tech');
  const ids = [];
  const titles = [];
  for (let n = 1; n <= 4; n++) {
    const a = await apiRegisterEnterprise(n);
    const title = `端到端先导技术第${n}号`;
    const values = Object.fromEntries(requiredFields(f).map((x) => [x.name, validValue(x, { title: a.name, uscc: a.uscc })]));
    values[f.title_field] = title;
    const started = await apiCall(a, 'POST', '/api/v1/applications', { json: { list: 'pioneer_tech', field } });
    assert.equal(started.status, 201, started.text);
    const at = `/api/v1/applications/${started.json.id}`;
    const put = await apiCall(a, 'PUT', at, { json: { field, unit_id: state.unitId, values } });
    assert.equal(put.status, 200, put.text);
    const attached = await apiCall(a, 'POST', `${at}/attachments?kind=signed_form&name=scan.pdf`,
      { body: smallPdf(`signed form ${n}`), contentType: 'application/pdf' });
    assert.equal(attached.status, 201, attached.text);
    const submitted = await apiCall(a, 'POST', `${at}/submit`);
    assert.equal(submitted.status, 200, submitted.text);
    ids.push(started.json.id);
    titles.push(title);
  }
  state.pioneer = { field, ids, titles };

  // All four in one decision: three recommended, the one beyond the quota refused.
  await page.goto(`${server.url}/unit/applications`);
  const response = await decide(page, ids);
  assert.equal(response.status(), 409, 'a partly refused decision should answer 409');
  const outcome = await results(page);
  assert.equal(outcome.length, 4, JSON.stringify(outcome));
  assert.equal(outcome.filter((o) => o.ok).length, 3, JSON.stringify(outcome));
  const refused = outcome.filter((o) => !o.ok);
  assert.equal(refused.length, 1, JSON.stringify(outcome));
  assert.ok(refused[0].text.includes('名额已用完'), `no quota message: ${refused[0].text}`);
  assert.ok(refused[0].text.includes('已用 3，名额 3'), `quota message without the numbers: ${refused[0].text}`);
  // Decided in the order listed: the fourth is the one beyond the quota.
  assert.ok(refused[0].text.startsWith(`${titles[3]}:`), `not the fourth refused: ${JSON.stringify(outcome)}`);
  state.pioneer.refusedZh = refused[0].text;
  const names = await listAndFieldNames('pioneer_tech', field);
  const quota = (await quotaRows(page)).find((r) => r.name === `${names.list.zh} · ${names.field.zh}`);
  assert.ok(quota, `no quota row for ${names.list.zh} · ${names.field.zh}: ${JSON.stringify(await quotaRows(page))}`);
  assert.deepEqual(quota, { name: quota.name, used: 3, total: 3, full: true });
  let recommended = 0;
  for (const id of ids) {
    const a = (await apiCall(unit, 'GET', `/api/v1/applications/${id}`)).json;
    if (a.state === 'recommended') recommended++;
  }
  assert.equal(recommended, 3);

  // In English, retrying the refused one says why in English.
  await Promise.all([page.waitForURL('**/unit/applications?lang=en'), page.click('#switch-lang')]);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  const retry = await decide(page, [ids[3]]);
  assert.equal(retry.status(), 409);
  const again = await results(page);
  assert.equal(again.length, 1, JSON.stringify(again));
  assert.equal(again[0].ok, false);
  assert.match(again[0].text, /quota/, `not an English quota message: ${again[0].text}`);
  assert.match(again[0].text, /\(3 of 3\)/);
  assert.doesNotMatch(again[0].text, /名额/);
  state.pioneer.refusedEn = again[0].text;
  assert.deepEqual(problems, []);
});

// The refusal names the list and field as people read them, not their codes.
test('the quota message names the list and field, not their codes', async () => {
  assert.ok(state.pioneer?.refusedEn, 'no refusal from the previous test');
  const names = await listAndFieldNames('pioneer_tech', state.pioneer.field);
  assert.ok(state.pioneer.refusedZh.includes(names.list.zh) && state.pioneer.refusedZh.includes(names.field.zh),
    `Chinese quota message without ${names.list.zh}/${names.field.zh}: ${state.pioneer.refusedZh}`);
  assert.ok(state.pioneer.refusedEn.includes(names.list.en) && state.pioneer.refusedEn.includes(names.field.en),
    `English quota message without ${names.list.en}/${names.field.en}: ${state.pioneer.refusedEn}`);
});

test('the secretariat overview counts the five new applications', async () => {
  const { page, problems } = await newPage();
  await signIn(page, demoAccounts.secretariat, demoPassword);
  await page.goto(`${server.url}/secretariat/overview`);
  const total = Number((await page.textContent('#total')).trim());
  assert.equal(total, state.totalBefore + 5, `total ${total}, before the test ${state.totalBefore}`);
  assert.equal(total, await applicationsTotal(), 'the overview and GET /api/v1/campaign disagree');
  // Each count is also drawn: ECharts (installed at set-up) renders a canvas holding the
  // same numbers as the table beside it.
  await page.waitForSelector('#chart-by-list canvas');
  const drawn = await page.evaluate(() => {
    const chart = window.echarts.getInstanceByDom(document.getElementById('chart-by-list'));
    return chart.getOption().series[0].data;
  });
  const listed = await page.$$eval('#by-list td:first-of-type', (tds) => tds.map((td) => Number(td.textContent)));
  assert.ok(drawn.length > 0, 'the chart has no data');
  assert.deepEqual(drawn, listed, 'the chart and the table disagree');
  assert.deepEqual(problems, []);
});
