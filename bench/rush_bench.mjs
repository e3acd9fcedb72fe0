#!/usr/bin/env node
// Deadline rush: many applicants autosaving drafts and submitting, each with a signed PDF,
// against one `kczg serve` on loopback.
//
//   node bench/rush_bench.mjs [--workers 4[,8,…]] [--io-threads N] [--clients 2000]
//        [--duration 60] [--save-gap 1-3] [--pdf-kb 200] [--timeout 10]
//        [--store-count 2000 | --no-store] [--setup-concurrency 8] [--source-addresses 1]
//        [--setup-dir DIR] [--keep]
//   (bench/rush_bench.sh raises the open-files limit first and passes the options on.)
//
// Goal (issue): 2,000 concurrent clients each saving drafts and submitting with a 200 KB
// PDF for 60 s: 0 errors, p99 < 500 ms for saves, submissions per second recorded against
// the durable-write ceiling of the store benchmark (build/bench/kczg_bench_store, run here
// first on the temp dir's disk).
//
// Set-up (not timed): the demo campaign (`demo load --live`) in a temp dir; a server with 4
// workers; `--clients` applicants registered through POST /register, each with a session, a
// draft on the emerging-enterprise list and a second on the pioneer-technology list. The
// server stops and the database is kept as a template, so that every measured run (one per
// --workers value) starts from the same state without paying for 2,000 password hashes again.
// --setup-dir DIR keeps that template (and the clients' sessions) for later invocations.
//
// Measured run, per --workers value: a fresh copy of the template and a new server. Every
// client opens its own keep-alive connection (GET /api/v1/me, not timed), then for
// --duration seconds: PUT /api/v1/applications/{id} with a changed value every --save-gap
// seconds (uniform, after the previous answer, like an editor's autosave), and once, at a
// uniformly random moment of the window, POST …/attachments?kind=signed_form with its own
// 200 KB PDF and POST …/submit. After submitting, the client autosaves its second draft, so
// that all clients keep writing for the whole window. An answer that is not 2xx, a socket
// error, or no answer within --timeout seconds is an error.
//
// Prints a summary per run (p50/p90/p99/max per type, errors, saves/s, submissions/s, the
// durable writes/s against the store ceiling, the CPU of the client, of each server thread
// and of the machine) and one JSON line with everything. Exit 0 when every run had 0 errors
// and a save p99 under 500 ms; 1 when a goal was missed; 2 on a set-up error.
import { spawn, execFile } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { close, connection, describe, pool, send, sendJson, sessionCookie, sleep } from './rush_http.mjs';
import { Recorder, loadAverage, machine, machineTimes, machineUse, threadTimes, threadUse } from './rush_measure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const kczg = process.env.KCZG_BINARY ? path.resolve(process.env.KCZG_BINARY) : path.join(root, 'build', 'kczg');
const storeBench = path.join(root, 'build', 'bench', 'kczg_bench_store');
const run = promisify(execFile);
const kSaveP99GoalMs = 500;
const kPassword = 'rush-bench-password';
const kDrafts = [{ list: 'emerging_enterprise', field: '' },
  { list: 'pioneer_tech', field: 'electronic_information' }];

class SetupError extends Error {}

// --- options -----------------------------------------------------------------------------

function parseOptions(argv) {
  const o = { workers: [4], ioThreads: 1, clients: 2000, duration: 60, saveGap: [1, 3], pdfKb: 200,
    timeout: 10, storeCount: 2000, setupConcurrency: 8, sourceAddresses: 1, keep: false, setupDir: '' };
  const number = (name, v) => {
    if (!/^\d+(\.\d+)?$/.test(v ?? '')) throw new SetupError(`${name} needs a number, not ${v}`);
    return Number(v);
  };
  for (let i = 0; i < argv.length; i++) {
    const [name, value] = [argv[i], argv[i + 1]];
    const take = () => { i++; return value; };
    switch (name) {
      case '--workers': o.workers = take().split(',').map((w) => number(name, w)); break;
      case '--io-threads': o.ioThreads = number(name, take()); break;
      case '--clients': o.clients = number(name, take()); break;
      case '--duration': o.duration = number(name, take()); break;
      case '--save-gap': o.saveGap = take().split('-').map((s) => number(name, s)); break;
      case '--pdf-kb': o.pdfKb = number(name, take()); break;
      case '--timeout': o.timeout = number(name, take()); break;
      case '--store-count': o.storeCount = number(name, take()); break;
      case '--no-store': o.storeCount = 0; break;
      case '--setup-concurrency': o.setupConcurrency = number(name, take()); break;
      case '--source-addresses': o.sourceAddresses = number(name, take()); break;
      case '--keep': o.keep = true; break;
      case '--setup-dir': o.setupDir = path.resolve(take()); break;
      case '-h': case '--help': return null;
      default: throw new SetupError(`unknown option ${name}`);
    }
  }
  if (o.saveGap.length === 1) o.saveGap.push(o.saveGap[0]);
  return o;
}

async function printUsage() {
  const text = await fs.readFile(fileURLToPath(import.meta.url), 'utf8');
  const header = text.split('\n').slice(1).filter((l) => l.startsWith('//'));
  console.log(header.map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
}

// --- the store's durable-write ceiling ---------------------------------------------------

// Runs the foundation benchmark on `dir` (the rush's own disk). When it cannot run to the
// end, the raw side is measured again with the sqlite3 shell — the same one-INSERT
// transactions under WAL + synchronous=FULL — so that the rush still has a ceiling.
async function storeCeiling(dir, count) {
  const result = { count, raw_commits_per_s: null, store_submissions_per_s: null, source: 'kczg_bench_store' };
  try {
    const { stdout } = await run(storeBench, ['--count', String(count), '--dir', dir], { timeout: 600_000 });
    return parseStoreBench(stdout, result);
  } catch (e) {
    if (e.stdout && /raw sqlite commits/.test(e.stdout)) return parseStoreBench(e.stdout, result);  // exit 3: goal missed
    result.failure = `${path.basename(storeBench)} failed (${e.signal ?? `exit ${e.code}`}): ${(e.stderr ?? '').trim().split('\n').pop()}`;
  }
  result.source = 'sqlite3 shell (kczg_bench_store failed)';
  await fs.rm(dir, { recursive: true, force: true });  // what the failed run left
  result.raw_commits_per_s = (await rawCommits(dir, count, 0) + await rawCommits(dir, count, 1)) / 2;
  return result;
}

function parseStoreBench(stdout, result) {
  result.raw_commits_per_s = Number(stdout.match(/raw sqlite commits\/s:\s*([\d.]+)/)?.[1]);
  result.store_submissions_per_s = Number(stdout.match(/store submissions\/s:\s*([\d.]+)/)?.[1]);
  return result;
}

async function rawCommits(dir, count, round) {
  await fs.mkdir(dir, { recursive: true });
  const db = path.join(dir, `raw${round}.db`);
  const shell = (script) => new Promise((resolve, reject) => {
    const child = spawn('sqlite3', [db], { stdio: ['pipe', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new SetupError(`sqlite3 exited ${code}`))));
    child.stdin.end(script);
  });
  await shell('PRAGMA journal_mode = WAL;\nCREATE TABLE t (id INTEGER PRIMARY KEY, at INTEGER, payload TEXT);\n');
  const commits = Array.from({ length: count },
    (_, i) => `BEGIN IMMEDIATE;\nINSERT INTO t (at, payload) VALUES (${i}, '{"state":"submitted"}');\nCOMMIT;\n`);
  const started = performance.now();
  await shell(`PRAGMA synchronous = FULL;\n${commits.join('')}`);
  return count / ((performance.now() - started) / 1000);
}

// --- the server --------------------------------------------------------------------------

async function demoLoad(db) {
  await run(kczg, ['demo', 'load', '--live', '--db', `sqlite:${db}`, '--units', path.join(root, 'demo', 'units.csv')],
    { cwd: root, timeout: 120_000 });
}

// Starts `kczg serve` on a free loopback port; resolves {url, pid, stop(), stderr()}.
async function startServer(dir, workers, ioThreads) {
  const child = spawn(kczg, ['serve', '--db', `sqlite:${path.join(dir, 'kczg.db')}`, '--listen', '127.0.0.1:0',
    '--static', path.join(root, 'static'), '--blobs', path.join(dir, 'blobs'), '--quiet',
    '--workers', String(workers), '--io-threads', String(ioThreads)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s) => { stderr = (stderr + s).slice(-20_000); });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new SetupError(`kczg serve printed no address: ${stderr}`)), 15_000);
    child.stdout.setEncoding('utf8').on('data', (s) => {
      stdout += s;
      const m = stdout.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    exited.then(({ code, signal }) => { clearTimeout(timer); reject(new SetupError(`kczg serve exited (${code ?? signal}): ${stderr}`)); });
  });
  return {
    url, pid: child.pid, stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');  // graceful: the database is closed, its WAL checkpointed
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const status = await exited;
      clearTimeout(killer);
      return status;
    },
  };
}

// --- applicants --------------------------------------------------------------------------

// GB 32100: the 18th character of a Unified Social Credit Code from the first 17.
function usccWithCheck(body) {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let sum = 0;
  let weight = 1;
  for (const ch of body) {
    sum += alphabet.indexOf(ch) * weight;
    weight = (weight * 3) % 31;
  }
  return body + alphabet[(31 - (sum % 31)) % 31];
}

// Distinct per client and unlike the demo's codes; registered in Hangzhou (330106).
const usccOf = (i) => usccWithCheck(`91330106MAR${String(i).padStart(6, '0')}`);

// Loopback source addresses: the server throttles some requests per remote address, and
// Linux routes all of 127.0.0.0/8 to lo, so clients can be spread over many addresses.
function sourceAddress(i, spread) {
  if (spread <= 1) return undefined;
  const n = (i % spread) + 1;
  return `127.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

function expectStatus(answer, status, what) {
  if (answer.status === status) return answer;
  const { code, message } = describe(answer);
  throw new SetupError(`${what}: answered ${answer.status} ${code}: ${message}`);
}

async function signIn(url, login, password) {
  const conn = connection(url);
  const body = new URLSearchParams({ login, password }).toString();
  const answer = await send(conn, { method: 'POST', path: '/sign-in', body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  await expectStatus(answer, 303, `sign-in as ${login}`);
  conn.cookie = sessionCookie(answer);
  const me = JSON.parse((await expectStatus(await send(conn, { path: '/api/v1/me' }), 200, 'GET /api/v1/me')).body);
  close(conn);
  return me;
}

// Registers applicant i and starts its two drafts, each saved complete (people arrive at
// the deadline with their forms filled in, so a submission can come at any moment of the
// window); resolves what a client needs later.
async function enrol(url, i, { options, registrations, forms, unitId }) {
  const conn = connection(url, { localAddress: sourceAddress(i, options.sourceAddresses) });
  const uscc = usccOf(i);
  const form = new URLSearchParams({ kind: 'enterprise', name: `冲刺测试企业${i}有限公司`, uscc,
    contact: `联系人${i}`, login: `rush-${i}@bench.kczg.cn`, password: kPassword, password2: kPassword });
  const registered = await send(conn, { method: 'POST', path: '/register', body: form.toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, timeoutMs: 60_000 });
  registrations.record(registered);
  await expectStatus(registered, 303, `POST /register (applicant ${i})`);
  conn.cookie = sessionCookie(registered);
  const me = await expectStatus(await send(conn, { path: '/api/v1/me' }), 200, 'GET /api/v1/me');
  conn.csrf = JSON.parse(me.body).csrf_token;
  const drafts = [];
  for (const { list, field } of kDrafts) {
    const created = await sendJson(conn, 'POST', '/api/v1/applications', { list, field });
    await expectStatus(created, 201, `POST /api/v1/applications ${list}`);
    drafts.push({ id: JSON.parse(created.body).id, list, field });
  }
  const client = { i, uscc, cookie: conn.cookie, csrf: conn.csrf, localAddress: conn.localAddress, drafts };
  for (const draft of drafts) {
    const body = { unit_id: unitId, field: draft.field, values: valuesFor(forms[draft.list], client, 0) };
    const saved = expectStatus(await sendJson(conn, 'PUT', `/api/v1/applications/${draft.id}`, body), 200, `PUT draft ${draft.id}`);
    const problems = JSON.parse(saved.body).problems;
    if (problems.length) throw new SetupError(`draft ${draft.id} (${draft.list}) is incomplete: ${JSON.stringify(problems[0])}`);
  }
  close(conn);
  return client;
}

// Registration answers by status, to tell whether registration is throttled per address.
// Plain objects, so that a kept set-up (--setup-dir) can store it as JSON.
function registrationLog() {
  const log = { statuses: {}, refusals: {} };
  log.record = (answer) => {
    log.statuses[answer.status] = (log.statuses[answer.status] ?? 0) + 1;
    if (answer.status !== 303) {
      const { code, message } = describe(answer);
      const key = `${answer.status} ${code} ${message}`;
      log.refusals[key] = (log.refusals[key] ?? 0) + 1;
    }
  };
  return log;
}

// Set-up: the demo campaign, the unit the drafts name, and every client's account and drafts.
async function setUp(dir, options) {
  await demoLoad(path.join(dir, 'kczg.db'));
  const server = await startServer(dir, 4, 1);
  try {
    const unit = await signIn(server.url, 'unit@demo.kczg.cn', 'kczg-demo-2023');
    const forms = {};
    const reader = connection(server.url);
    for (const { list } of kDrafts) {
      forms[list] = JSON.parse((await expectStatus(await send(reader, { path: `/api/v1/forms/${list}` }), 200, `form ${list}`)).body);
    }
    close(reader);
    const registrations = registrationLog();
    const started = performance.now();
    const indexes = Array.from({ length: options.clients }, (_, i) => i);
    const context = { options, registrations, forms, unitId: unit.unit_id };
    const clients = await pool(options.setupConcurrency, indexes, (i) => enrol(server.url, i, context));
    const seconds = (performance.now() - started) / 1000;
    return { unitId: unit.unit_id, forms, clients, registered: clients.length, registrations, registrationSeconds: seconds,
      made: new Date().toISOString() };
  } finally {
    await server.stop();
  }
}

// A set-up kept in --setup-dir by an earlier run, when it has enough clients. Registering
// 2,000 applicants hashes 2,000 passwords (minutes on 2 cores); sessions last 8 hours.
async function keptSetUp(dir, options) {
  if (!options.setupDir) return null;
  let kept;
  try { kept = JSON.parse(await fs.readFile(path.join(dir, 'setup.json'), 'utf8')); } catch { return null; }
  if (kept.clients.length < options.clients) return null;
  return { ...kept, clients: kept.clients.slice(0, options.clients), reused: dir };
}

async function newSetUp(dir, options) {
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  const setup = await setUp(dir, options);
  if (options.setupDir) await fs.writeFile(path.join(dir, 'setup.json'), JSON.stringify(setup));
  return setup;
}

// --- what a client sends -----------------------------------------------------------------

const kProse = '本企业专注于工业软件与智能制造核心技术研发，产品已在多个行业规模化应用，形成自主知识产权体系。';

// Text of `target` characters (clamped to the field's bounds), starting with a revision
// stamp so that every autosave changes the draft.
function textFor(field, target, revision) {
  const length = Math.max(field.min ?? 1, Math.min(field.max ?? target, target));
  const chars = Array.from(`（第${revision}稿）${kProse.repeat(Math.ceil(length / kProse.length) + 1)}`);
  return chars.slice(0, length).join('');
}

// A complete set of values for `form`: every field valid for submission.
function valuesFor(form, client, revision) {
  const values = {};
  for (const section of form.sections) {
    for (const f of section.fields) {
      const inRange = (n) => Math.max(f.min ?? 0, Math.min(f.max ?? n, n));
      switch (f.type) {
        case 'text': values[f.name] = textFor(f, 24, revision); break;
        case 'textarea': values[f.name] = textFor(f, 300, revision); break;
        case 'integer': values[f.name] = String(inRange(5 + (revision % 4))); break;
        case 'decimal': values[f.name] = `${inRange(1200 + revision)}.50`; break;
        case 'date': values[f.name] = '2020-05-01'; break;
        case 'choice': values[f.name] = f.options[0].code; break;
        case 'uscc': values[f.name] = client.uscc; break;
        case 'region': values[f.name] = '330106'; break;
        case 'attestation': values[f.name] = '1'; break;
        default: values[f.name] = '';
      }
    }
  }
  return values;
}

// A PDF of `bytes` bytes: a one-page document whose content stream is filled with random
// bytes (like a scanned image, incompressible), so that each client's file is distinct
// and content addressing stores every one.
function pdfOf(bytes, seed) {
  const head = `%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n` +
    `2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n` +
    `3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>\nendobj\n`;
  const tail = '\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';
  const streamLength = Math.max(64, bytes - head.length - tail.length - 40);
  const open = `4 0 obj\n<< /Length ${streamLength} >>\nstream\n`;
  const stream = Buffer.alloc(streamLength);
  randomFillSync(stream);
  stream.write(`% rush client ${seed}\n`, 0, 'latin1');
  return Buffer.concat([Buffer.from(head + open, 'latin1'), stream, Buffer.from(tail, 'latin1')]);
}

// --- the measured run --------------------------------------------------------------------

const uniform = (lo, hi) => lo + Math.random() * (hi - lo);

// One person: autosaves until the window ends, submitting once at `submitAt`.
async function person(client, plan, recorder) {
  const conn = client.conn;
  const timeoutMs = plan.options.timeout * 1000;
  const [gapLo, gapHi] = plan.options.saveGap.map((s) => s * 1000);
  let draft = client.drafts[0];
  let revision = 0;
  let submitted = false;
  let nextSave = plan.start + uniform(0, gapHi);  // spread the first saves over one gap
  for (;;) {
    const wake = submitted ? nextSave : Math.min(nextSave, client.submitAt);
    if (wake >= plan.end) return;
    await sleep(wake - performance.now());
    if (!submitted && performance.now() >= client.submitAt) {
      await submitWithPdf(conn, draft, plan, client, recorder, timeoutMs);
      submitted = true;
      draft = client.drafts[1];  // the person goes on to its next application
    } else {
      revision += 1;
      const body = { unit_id: plan.unitId, field: draft.field, values: valuesFor(plan.forms[draft.list], client, revision) };
      recorder.record('save', await sendJson(conn, 'PUT', `/api/v1/applications/${draft.id}`, body, timeoutMs), describe);
    }
    nextSave = performance.now() + uniform(gapLo, gapHi);
  }
}

async function submitWithPdf(conn, draft, plan, client, recorder, timeoutMs) {
  const pdf = pdfOf(plan.options.pdfKb * 1024, `${client.i}-${plan.runId}`);
  const attached = await send(conn, { method: 'POST', body: pdf, timeoutMs,
    path: `/api/v1/applications/${draft.id}/attachments?kind=signed_form&name=scan.pdf`,
    headers: { 'Content-Type': 'application/pdf' } });
  if (!recorder.record('attach', attached, describe)) return;
  const submitted = await send(conn, { method: 'POST', path: `/api/v1/applications/${draft.id}/submit`, timeoutMs });
  recorder.record('submit', submitted, describe);
}

// Opens every client's keep-alive connection (and checks its session) before the window.
async function connectAll(url, clients) {
  await pool(200, clients, async (client) => {
    client.conn = connection(url, { localAddress: client.localAddress });
    Object.assign(client.conn, { cookie: client.cookie, csrf: client.csrf });
    await expectStatus(await send(client.conn, { path: '/api/v1/me' }), 200, `GET /api/v1/me (client ${client.i})`);
  });
}

async function copyTemplate(template, dir) {
  await fs.mkdir(dir, { recursive: true });
  for (const name of await fs.readdir(template)) {
    if (name.startsWith('kczg.db')) await fs.copyFile(path.join(template, name), path.join(dir, name));
  }
}

async function measuredRun(workers, setup, template, tmp, options) {
  const dir = path.join(tmp, `run-${workers}`);
  await copyTemplate(template, dir);
  const server = await startServer(dir, workers, options.ioThreads);
  const clients = setup.clients.map((c) => ({ ...c, drafts: c.drafts }));
  try {
    await connectAll(server.url, clients);
    await sleep(1000);  // let the connection burst settle; it is web_bench's run d, not this one
    const recorder = new Recorder(['save', 'attach', 'submit']);
    const start = performance.now();
    const plan = { start, end: start + options.duration * 1000, options, unitId: setup.unitId,
      forms: setup.forms, runId: `${workers}-${Date.now()}` };
    for (const c of clients) c.submitAt = start + uniform(0, options.duration * 1000);
    const before = { cpu: process.cpuUsage(), threads: threadTimes(server.pid), own: threadTimes(process.pid), machine: machineTimes(),
      load: loadAverage(), connects: clients.reduce((n, c) => n + c.conn.connects, 0) };
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    await Promise.all(clients.map((c) => person(c, plan, recorder)));
    const windowSeconds = options.duration;
    const drainSeconds = Math.max(0, (performance.now() - plan.end) / 1000);
    const wall = (performance.now() - start) / 1000;
    loopDelay.disable();
    const cpu = process.cpuUsage(before.cpu);
    const result = {
      workers, io_threads: options.ioThreads, clients: clients.length, duration_s: windowSeconds,
      drain_s: drainSeconds, types: Object.fromEntries(recorder.types.map((t) => [t, recorder.summary(t)])),
      errors: [...recorder.samples.values()],
      client_cpu_percent: (100 * (cpu.user + cpu.system)) / 1e6 / wall,
      client_loop_delay_p99_ms: loopDelay.percentile(99) / 1e6,
      reconnects: clients.reduce((n, c) => n + c.conn.connects, 0) - before.connects,
      server_threads: threadUse(before.threads, threadTimes(server.pid), wall),
      client_threads: threadUse(before.own, threadTimes(process.pid), wall),
      machine_cpu: machineUse(before.machine, machineTimes()),
      load_before: before.load, load_after: loadAverage(),
    };
    result.saves_per_s = result.types.save.ok / windowSeconds;
    result.submissions_per_s = result.types.submit.ok / windowSeconds;
    result.durable_writes_per_s = (result.types.save.ok + result.types.attach.ok + result.types.submit.ok) / windowSeconds;
    result.total_errors = recorder.types.reduce((n, t) => n + recorder.errors(t), 0);
    result.goals_met = result.total_errors === 0 && result.types.save.p99 < kSaveP99GoalMs;
    return result;
  } finally {
    for (const c of clients) if (c.conn) close(c.conn);
    const status = await server.stop();
    if (status.code !== 0 && status.signal !== 'SIGTERM') console.error(`kczg serve ended with ${status.code ?? status.signal}: ${server.stderr().slice(-2000)}`);
  }
}

// --- report ------------------------------------------------------------------------------

const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '-');

function printRun(r, ceiling, options) {
  console.log(`\nrun: kczg serve --workers ${r.workers} --io-threads ${r.io_threads}; ${r.clients} clients, ${r.duration_s} s ` +
    `(last answer ${fmt(r.drain_s, 1)} s after the window); a save every ${options.saveGap.join('–')} s; one ${options.pdfKb} KB PDF + submit each`);
  console.log(`${'type'.padEnd(8)}${'answered'.padStart(10)}${'2xx'.padStart(8)}${'non-2xx'.padStart(9)}${'socket'.padStart(8)}` +
    `${'p50'.padStart(9)}${'p90'.padStart(9)}${'p99'.padStart(9)}${'max'.padStart(9)}  (ms)`);
  for (const [type, s] of Object.entries(r.types)) {
    console.log(`${type.padEnd(8)}${fmt(s.answered).padStart(10)}${fmt(s.ok).padStart(8)}${fmt(s.http_errors).padStart(9)}` +
      `${fmt(s.socket_errors).padStart(8)}${fmt(s.p50, 1).padStart(9)}${fmt(s.p90, 1).padStart(9)}${fmt(s.p99, 1).padStart(9)}${fmt(s.max, 1).padStart(9)}`);
  }
  const raw = ceiling?.raw_commits_per_s;
  const share = (v) => (raw ? ` (${fmt((100 * v) / raw, 1)}% of the raw commit ceiling)` : '');
  console.log(`saves/s ${fmt(r.saves_per_s, 1)}; submissions/s ${fmt(r.submissions_per_s, 2)}${share(r.submissions_per_s)}; ` +
    `durable writes/s (saves + attachments + submissions) ${fmt(r.durable_writes_per_s, 1)}${share(r.durable_writes_per_s)}`);
  const saturated = r.client_cpu_percent > 85 ? ' — the client saturates a core: its own queueing is in the latencies' : '';
  const clientMain = r.client_threads.find((t) => t.tid === String(process.pid));
  console.log(`client: ${fmt(r.client_cpu_percent)}% of one core, its main thread waited for a CPU ${fmt(clientMain?.waiting)}% of the time, ` +
    `event-loop delay p99 ${fmt(r.client_loop_delay_p99_ms, 1)} ms, ${r.reconnects} reconnects${saturated}`);
  // The threads are all named "kczg"; the busiest with one I/O thread is that I/O thread.
  const busy = r.server_threads.filter((t) => t.percent >= 1).map((t) => `${t.tid} ${fmt(t.percent)}%/${fmt(t.waiting)}%`);
  const total = (key) => r.server_threads.reduce((n, t) => n + t[key], 0);
  console.log(`server: ${fmt(total('percent'))}% CPU (of ${os.cpus().length * 100}%), threads runnable but waiting for a CPU ` +
    `${fmt(total('waiting'))}% (summed); threads ≥ 1% (tid CPU/waiting): ${busy.join(', ') || 'none'}`);
  const m = r.machine_cpu;
  console.log(`machine: user ${fmt(m.user)}%, system ${fmt(m.system)}%, iowait ${fmt(m.iowait)}%, idle ${fmt(m.idle)}%, steal ${fmt(m.steal)}%; ` +
    `load average before ${r.load_before}, after ${r.load_after}`);
  for (const e of r.errors) console.log(`  error: ${e.type} ${e.status || 'socket'} ${e.code} ×${e.count}: ${e.message}`);
  console.log(`goals: 0 errors ${r.total_errors === 0 ? 'pass' : `FAIL (${r.total_errors})`}; ` +
    `save p99 < ${kSaveP99GoalMs} ms ${r.types.save.p99 < kSaveP99GoalMs ? 'pass' : 'FAIL'} (${fmt(r.types.save.p99, 1)} ms)`);
}

function printHeader(info, ceiling, setup, options) {
  console.log(`\nkczg deadline rush, ${new Date().toISOString().slice(0, 16)}Z`);
  console.log(`machine: ${info.cores} cores, ${info.cpu}, ${info.memory_gib} GiB, ${info.kernel}; load average at start ${info.load}`);
  console.log(`binary: ${info.kczg.path}, sha256 ${info.kczg.sha256}…, built ${info.kczg.built}`);
  if (!ceiling) console.log('store ceiling: not measured (--no-store)');
  else {
    if (ceiling.failure) console.log(`store benchmark: ${ceiling.failure}`);
    console.log(`store ceiling (${ceiling.source}, ${ceiling.count} commits per side, same disk as the rush): ` +
      `raw SQLite durable commits/s ${fmt(ceiling.raw_commits_per_s)}, store submissions/s ${fmt(ceiling.store_submissions_per_s)}`);
  }
  const reg = setup.registrations;
  const refusals = Object.entries(reg.refusals).map(([k, n]) => `${k} ×${n}`).join('; ');
  const reused = setup.reused ? ` (kept set-up from ${setup.reused}, made ${setup.made})` : '';
  console.log(`set-up${reused}: ${setup.clients.length} applicants used, ${setup.registered} registered in ${fmt(setup.registrationSeconds, 1)} s from ` +
    `${options.sourceAddresses} source address(es); /register answers: ${JSON.stringify(reg.statuses)}${refusals ? `; refused: ${refusals}` : ' (none throttled)'}`);
}

// Which build was measured: other work may rebuild build/kczg between two runs.
async function binaryInfo() {
  const [bytes, stat] = await Promise.all([fs.readFile(kczg), fs.stat(kczg)]);
  return { path: kczg, sha256: createHash('sha256').update(bytes).digest('hex').slice(0, 12), built: stat.mtime.toISOString() };
}

// --- main --------------------------------------------------------------------------------

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (!options) { await printUsage(); return 0; }
  const info = { ...machine(), load: loadAverage(), kczg: await binaryInfo() };
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'kczg-rush-'));
  try {
    const ceiling = options.storeCount ? await storeCeiling(path.join(tmp, 'store-bench'), options.storeCount) : null;
    await fs.rm(path.join(tmp, 'store-bench'), { recursive: true, force: true });
    const template = options.setupDir || path.join(tmp, 'template');
    const setup = await keptSetUp(template, options) ?? await newSetUp(template, options);
    printHeader(info, ceiling, setup, options);
    const runs = [];
    for (const workers of options.workers) {
      runs.push(await measuredRun(workers, setup, template, tmp, options));
      printRun(runs.at(-1), ceiling, options);
      if (!options.keep) await fs.rm(path.join(tmp, `run-${workers}`), { recursive: true, force: true });
    }
    const ok = runs.every((r) => r.goals_met);
    console.log(`\n${ok ? 'all goals met' : 'goal missed'}`);
    console.log(JSON.stringify({ bench: 'rush', date: new Date().toISOString(), machine: info, store_ceiling: ceiling,
      setup: { clients: setup.clients.length, registration_s: setup.registrationSeconds, register_statuses: setup.registrations.statuses },
      options, runs }));
    return ok ? 0 : 1;
  } finally {
    if (options.keep) console.error(`rush_bench: kept ${tmp}`);
    else await fs.rm(tmp, { recursive: true, force: true });
  }
}

main().then((status) => { process.exitCode = status; }, (e) => {
  console.error(`rush_bench: ${e instanceof SetupError ? e.message : e.stack}`);
  process.exitCode = 2;
});
