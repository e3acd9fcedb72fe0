// Eligibility and the formal check (形式审查) in a real browser: Debian's Chromium driven by
// playwright-core against a throwaway kczg (demo campaign, collection open today).
//
// An enterprise registers and fills the emerging_enterprise form; the eligibility panel
// follows each autosave without a reload (founded 2012-05-01 fails the 10-year rule,
// 2013-01-01 passes; size "large" fails the SME rule). Founded 2012, with the signed form
// and the credit report, it submits: the panel now shows the verdicts as recorded. The demo
// unit recommends it. The secretariat's formal-check page shows the failing verdict and
// why; deciding is refused while the preliminary review is not open (409); the secretariat
// opens it on the campaign page; "eligible" against the failing verdict without a reason is
// refused (400); "ineligible" with a reason is recorded. The applicant reads the decision
// and the reason on their page; the formal-check page in English.
//
//   node --test tests/e2e/formal_check.test.mjs
//
// KCZG_BINARY overrides the server binary, KCZG_CHROMIUM the browser (default
// /usr/bin/chromium).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { request } from 'playwright-core';
import { startServer, usccWithCheck, demoAccounts, demoPassword } from './server.mjs';
import { launchBrowser, openPage, signIn as signInAt, submit, text, beijing, setPhase } from './browser.mjs';

const ageFail = '成立于 2012-05-01，早于 2013-01-01，超过 10 年';
const ineligibleReason = '成立时间超过 10 年';

let server;
let browser;
const openContexts = [];

// What the tests hand on to each other.
const state = {
  unitId: 0, // the demo unit account's unit
  form: null, // GET /api/v1/forms/emerging_enterprise
  applicant: null, // the applicant's signed-in { page, problems }, kept open across tests
  enterprise: null, // { name, uscc }
  id: 0, // the application
  secretariat: null, // the secretariat's signed-in { page, problems }
};

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const api = await request.newContext({ baseURL: server.url });
  try {
    const r = await api.get('/api/v1/forms/emerging_enterprise');
    assert.equal(r.status(), 200);
    state.form = await r.json();
    // The demo unit's id, as the unit account sees itself.
    const signedIn = await api.post('/sign-in', { form: { login: demoAccounts.unit, password: demoPassword }, maxRedirects: 0 });
    assert.equal(signedIn.status(), 303, `the demo unit cannot sign in: ${signedIn.status()}`);
    state.unitId = (await (await api.get('/api/v1/me')).json()).unit_id;
    assert.ok(Number.isInteger(state.unitId) && state.unitId > 0, `the demo unit account has no unit: ${state.unitId}`);
  } finally {
    await api.dispose();
  }
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

// A small but well-formed PDF (one page, one line of text) with a correct xref table.
function smallPdf(line) {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
  ];
  const stream = `BT /F1 18 Tf 72 760 Td (${line}) Tj ET`;
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

// A value that passes each required field: texts of the enterprise's own (so no other
// application looks like it), numbers within min..max, the first choice, a Hangzhou
// district. founded_on and size_class are the test's to set.
function validValues(form, { name, uscc }) {
  const values = {};
  for (const field of form.sections.flatMap((s) => s.fields).filter((f) => f.required)) {
    const clamp = (v) => Math.min(Math.max(v, field.min ?? v), field.max ?? v);
    switch (field.type) {
      case 'text':
      case 'textarea': {
        let chars = [...`${name}（${uscc}）的${field.name}`];
        while (chars.length < (field.min ?? 1)) chars = chars.concat([...'，依托自主研发的核心技术推动产业创新发展']);
        if (field.max != null && chars.length > field.max) chars = chars.slice(0, field.max);
        values[field.name] = chars.join('');
        break;
      }
      case 'integer': values[field.name] = String(clamp(12)); break;
      case 'decimal': values[field.name] = String(clamp(1234.5)); break;
      case 'date': values[field.name] = '2020-05-01'; break;
      case 'choice': values[field.name] = field.options[0].code; break;
      case 'uscc': values[field.name] = uscc; break;
      case 'region': values[field.name] = '330106'; break;
      case 'attestation': values[field.name] = '1'; break;
      default: throw new Error(`no test value for field type ${field.type} (${field.name})`);
    }
  }
  values[form.title_field] = name;
  return values;
}

// The live panel's row for a rule, once the autosave has brought `verdict`.
async function waitForVerdict(page, rule, verdict) {
  const row = `#eligibility tr[data-rule="${rule}"]`;
  try {
    await page.waitForSelector(`${row}[data-verdict="${verdict}"]`, { timeout: 8_000 });
  } catch {
    const shown = await page.locator(row).evaluateAll((trs) => trs.map((tr) => tr.outerHTML));
    const status = await text(page, '#autosave-status');
    assert.fail(`${rule} did not turn ${verdict} after the autosave (status "${status}"): ${shown}`);
  }
  return page.locator(row);
}

// The application's PUT once it carries `expect` (every value) and the unit.
function savedWith(page, id, expect) {
  const saved = page.waitForResponse((r) => {
    if (r.request().method() !== 'PUT' || !r.url().endsWith(`/api/v1/applications/${id}`)) return false;
    const sent = JSON.parse(r.request().postData() || '{}');
    return sent.unit_id === state.unitId && Object.entries(expect).every(([k, v]) => sent.values?.[k] === v);
  }, { timeout: 15_000 });
  saved.catch(() => {}); // awaited by the caller; no unhandled rejection if filling fails first
  return saved;
}

async function upload(page, kind, file) {
  await page.setInputFiles(`#file-${kind}`, file);
  const response = await submit(page, `#upload-${kind}`);
  assert.equal(await page.locator('#upload-error').count(), 0, `${kind} refused: ${await page.locator('#upload-error').allTextContents()}`);
  assert.ok(response.ok(), `uploading ${kind} answered ${response.status()}`);
}

test('the eligibility panel follows the form as the enterprise fills it', async () => {
  const { page, problems } = await newPage();
  state.applicant = { page, problems };
  const name = '杭州形式审查端到端科技有限公司';
  const uscc = usccWithCheck('91330106MA2E2F001');
  const password = 'e2e-password-2023';
  state.enterprise = { name, uscc };

  await page.goto(`${server.url}/register`);
  await page.check('input[name=kind][value=enterprise]');
  await page.fill('input[name=name]', name);
  await page.fill('input[name=uscc]', uscc);
  await page.fill('input[name=contact]', '李经理 13800000002');
  await page.fill('input[name=login]', `e2e-formal-${process.pid}@example.com`);
  await page.fill('input[name=password]', password);
  await page.fill('input[name=password2]', password);
  await submit(page, '#register-submit');
  assert.equal(await page.locator('p.error').count(), 0, `registration refused: ${await page.locator('p.error').allTextContents()}`);
  assert.equal(new URL(page.url()).pathname, '/dashboard');
  await Promise.all([page.waitForURL('**/applications/new'), page.click('#new-application')]);
  await Promise.all([page.waitForURL(/\/applications\/\d+$/), page.click('#start-emerging_enterprise')]);
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  assert.ok(id > 0);
  state.id = id;

  // A new draft: the panel is there, live, the age not yet judged.
  assert.equal(await page.locator('#eligibility').count(), 1, 'no eligibility panel on the form');
  assert.ok((await text(page, '#eligibility')).includes('保存时自动更新'), `not the live panel: "${await text(page, '#eligibility')}"`);
  assert.equal(await page.getAttribute('#eligibility tr[data-rule=enterprise_age]', 'data-verdict'), 'incomplete');

  // Everything but the founding date, a small enterprise, the demo unit; stored.
  const values = validValues(state.form, { name, uscc });
  values.size_class = 'small';
  delete values.founded_on;
  const stored = savedWith(page, id, values);
  for (const field of state.form.sections.flatMap((s) => s.fields)) {
    if (!(field.name in values)) continue;
    const selector = `#v_${field.name}`;
    if (field.type === 'choice') await page.selectOption(selector, values[field.name]);
    else if (field.type === 'attestation') await page.check(selector);
    else await page.fill(selector, values[field.name]);
  }
  await page.selectOption('#unit_id', String(state.unitId));
  assert.equal((await stored).status(), 200, 'the autosave of the filled form failed');

  // Founded 2012-05-01: more than 10 years counted back from 2023. No reload in between.
  const loads = [];
  const onLoad = () => loads.push(page.url());
  page.on('load', onLoad);
  await page.fill('#v_founded_on', '2012-05-01');
  const age = await waitForVerdict(page, 'enterprise_age', 'fail');
  assert.ok((await age.textContent()).includes(ageFail), `enterprise_age: "${await age.textContent()}"`);
  assert.equal(await page.getAttribute('#eligibility-verdict', 'data-verdict'), 'fail');
  assert.equal(await text(page, '#eligibility-verdict'), '不符合');

  // 2013-01-01 is just inside; the credit report is still missing, so the whole needs it.
  await page.fill('#v_founded_on', '2013-01-01');
  assert.ok((await (await waitForVerdict(page, 'enterprise_age', 'pass')).textContent()).includes('成立于 2013-01-01'));
  assert.equal(await page.getAttribute('#eligibility-verdict', 'data-verdict'), 'needs_evidence');
  assert.equal(await page.getAttribute('#eligibility tr[data-rule=no_major_incident]', 'data-verdict'), 'needs_evidence');
  assert.equal(await page.getAttribute('#eligibility tr[data-rule=small_or_medium]', 'data-verdict'), 'pass');

  // A large enterprise is no SME; back to a small one.
  await page.selectOption('#v_size_class', 'large');
  const size = await waitForVerdict(page, 'small_or_medium', 'fail');
  assert.ok((await size.textContent()).includes('大型'), `small_or_medium: "${await size.textContent()}"`);
  assert.equal(await page.getAttribute('#eligibility-verdict', 'data-verdict'), 'fail');
  await page.selectOption('#v_size_class', 'small');
  await waitForVerdict(page, 'small_or_medium', 'pass');
  assert.equal(await page.getAttribute('#eligibility-verdict', 'data-verdict'), 'needs_evidence');
  page.off('load', onLoad);
  assert.deepEqual(loads, [], 'the page reloaded while the panel changed');
  assert.deepEqual(problems, []);
});

test('founded in 2012, it attaches the signed form and the credit report and submits', async () => {
  assert.ok(state.applicant && state.id, 'no application from the first test');
  const { page, problems } = state.applicant;
  const id = state.id;

  // The uploads leave the page: wait until the date is stored (the panel shows it).
  await page.fill('#v_founded_on', '2012-05-01');
  await waitForVerdict(page, 'enterprise_age', 'fail');

  const pdf = path.join(server.dir, '申报材料.pdf');
  await writeFile(pdf, smallPdf('kczg e2e formal check'));
  await upload(page, 'credit_report', pdf);
  // The credit report backs the two statements; the age still fails.
  for (const rule of ['no_major_incident', 'not_blacklisted']) {
    assert.equal(await page.getAttribute(`#eligibility tr[data-rule=${rule}]`, 'data-verdict'), 'pass', `${rule} with the credit report`);
  }
  assert.equal(await page.getAttribute('#eligibility tr[data-rule=enterprise_age]', 'data-verdict'), 'fail');
  assert.equal(await page.inputValue('#v_founded_on'), '2012-05-01', 'the upload lost the founding date');
  await upload(page, 'signed_form', pdf);

  const response = await submit(page, '#submit-application');
  assert.equal(await page.locator('#form-errors').count(), 0,
    `submission refused: ${await page.locator('#form-errors').count() && await text(page, '#form-errors')}`);
  assert.equal(response.status(), 200);
  await page.waitForSelector('#receipt');
  assert.match(await text(page, '#receipt-sha256'), /^[0-9a-f]{64}$/);
  assert.equal(await page.getAttribute('#application-state', 'data-state'), 'submitted');

  // The panel now shows what was recorded at submission, the failing age included.
  const panel = await text(page, '#eligibility');
  assert.ok(panel.includes('提交时记录'), `the panel does not say it is as recorded: "${panel}"`);
  assert.ok(!panel.includes('保存时自动更新'), `the submitted panel still says it is live: "${panel}"`);
  const age = page.locator('#eligibility tr[data-rule=enterprise_age]');
  assert.equal(await age.getAttribute('data-verdict'), 'fail');
  assert.ok((await age.textContent()).includes(ageFail));
  assert.equal(await page.getAttribute('#eligibility-verdict', 'data-verdict'), 'fail');
  assert.equal(await page.locator('#application-form').count(), 0, 'a submitted application is still editable');
  assert.deepEqual(problems, []);
});

test('the demo unit recommends it', async () => {
  assert.ok(state.id, 'no submitted application');
  const { page, problems } = await newPage();
  await signIn(page, demoAccounts.unit);
  await page.goto(`${server.url}/unit/applications`);
  await page.check(`#select-${state.id}`);
  assert.equal(await page.isChecked('input[name=action][value=recommend]'), true, 'action is not "recommend" by default');
  const response = await submit(page, '#decide');
  assert.equal(response.status(), 200);
  const outcome = await page.$$eval('#results li', (items) => items.map((li) => ({ ok: li.classList.contains('ok'), text: li.textContent.trim() })));
  assert.equal(outcome.length, 1, JSON.stringify(outcome));
  assert.ok(outcome[0].ok && outcome[0].text.startsWith(state.enterprise.name), `not recommended: ${JSON.stringify(outcome)}`);
  assert.deepEqual(problems, []);
});

test('the secretariat decides it once the preliminary review is open, overriding only with a reason', async () => {
  assert.ok(state.id, 'no recommended application');
  const { page, problems } = await newPage({ ignoreStatusErrors: true });
  state.secretariat = { page, problems };
  const id = state.id;
  await signIn(page, demoAccounts.secretariat);
  const formalCheck = `${server.url}/secretariat/formal-check`;
  const row = page.locator(`#application-${id}`);

  // The row: the failing verdict and why.
  await page.goto(formalCheck);
  assert.equal(await row.count(), 1, `application ${id} is not on the formal-check page`);
  assert.equal(await row.getAttribute('data-verdict'), 'fail');
  const age = row.locator('li[data-rule=enterprise_age]');
  assert.equal(await age.getAttribute('data-verdict'), 'fail');
  assert.ok((await age.textContent()).includes(ageFail), `enterprise_age: "${await age.textContent()}"`);
  assert.ok((await row.textContent()).includes(state.enterprise.name));

  // Still in collection: refused, nothing decided.
  await page.fill(`#reason-${id}`, ineligibleReason);
  const early = await submit(page, `#ineligible-${id}`);
  assert.equal(early.status(), 409, 'deciding before the preliminary review should answer 409');
  const earlyError = await text(page, '#error');
  // Named as people read them, not by their codes (fail_formal_check, preliminary_review).
  assert.equal(earlyError, '“形式审查不合格”只能在初评评审阶段进行，当前阶段为组织征集');
  assert.equal(await row.locator('span.decision').count(), 0, 'decided before the preliminary review');
  assert.equal(await page.locator(`#ineligible-${id}`).count(), 1, 'no longer decidable after a refusal');

  // Collection closed an hour ago, preliminary review open from then for 20 days.
  await page.goto(`${server.url}/secretariat/campaign`);
  await setPhase(page, 'collection', null, beijing(-3600_000));
  await setPhase(page, 'preliminary_review', beijing(-3600_000), beijing(20 * 86400_000));

  // Eligible against the failing verdict needs a reason.
  await page.goto(formalCheck);
  assert.equal(await page.inputValue(`#reason-${id}`), '');
  const bare = await submit(page, `#eligible-${id}`);
  assert.equal(bare.status(), 400, 'an override without a reason should answer 400');
  const bareError = await text(page, '#error');
  assert.equal(bareError, `申报 ${id} 的自动判断结论为“不符合”，作出与之相反的形式审查结论须填写理由`);
  assert.equal(await row.locator('span.decision').count(), 0, 'an override without a reason was recorded');
  assert.equal(await page.locator(`#eligible-${id}`).count(), 1, 'no longer decidable after a refusal');

  // Not eligible, with the reason.
  await page.fill(`#reason-${id}`, ineligibleReason);
  const decided = await submit(page, `#ineligible-${id}`);
  assert.equal(decided.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/secretariat/formal-check');
  assert.equal(await page.locator('#error').count(), 0, `decision refused: ${await page.locator('#error').allTextContents()}`);
  const decision = row.locator('span.decision');
  assert.equal(await decision.getAttribute('data-state'), 'ineligible');
  assert.ok((await row.textContent()).includes(ineligibleReason), `the row does not show the reason: "${await row.textContent()}"`);
  assert.equal(await row.locator('.override').count(), 0, 'agreeing with the verdict is shown as an override');
  assert.equal(await page.locator(`#ineligible-${id}`).count(), 0, 'a decided application is still decidable');
  assert.deepEqual(problems, []);
});

test('the applicant reads the decision and the reason', async () => {
  assert.ok(state.applicant && state.id, 'no applicant page from the first test');
  const { page, problems } = state.applicant;
  await page.reload();
  assert.equal(await page.getAttribute('#application-state', 'data-state'), 'ineligible');
  const decision = await text(page, '#formal-decision');
  assert.ok(decision.includes('形式审查：不合格'), `#formal-decision: "${decision}"`);
  assert.equal(await text(page, '#formal-decision-reason'), ineligibleReason);
  assert.equal(await page.getAttribute('#formal-decision', 'data-eligible'), 'false');
  assert.deepEqual(problems, []);
});

test('the formal-check page in English', async () => {
  assert.ok(state.secretariat && state.id, 'no secretariat page from an earlier test');
  const { page, problems } = state.secretariat;
  const response = await page.goto(`${server.url}/secretariat/formal-check?lang=en`);
  assert.equal(response.status(), 200);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.ok((await text(page, '#eligibility-rows thead')).includes('Automatic verdict'),
    `no "Automatic verdict" column: "${await text(page, '#eligibility-rows thead')}"`);
  const age = page.locator(`#application-${state.id} li[data-rule=enterprise_age]`);
  assert.ok((await age.textContent()).includes('Founded on 2012-05-01, before 2013-01-01'), `enterprise_age: "${await age.textContent()}"`);
  assert.deepEqual(problems, []);
});
