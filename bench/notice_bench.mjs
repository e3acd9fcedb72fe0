#!/usr/bin/env node
// A busy public notice (公示): many people reading the notice while objections come in and
// one address floods the objection form, against one `kczg serve` on loopback.
//
//   node bench/notice_bench.mjs [--readers 1000] [--objectors 100] [--duration 30]
//        [--workers 4] [--read-gap 1-3] [--timeout 10]
//   (each reader holds a socket on both ends: raise `ulimit -n` above 2 × readers first.)
//
// Goal (issue 8: "throttling and size limits on the public objection form; it must stay
// up while the notice is busy"): for the whole window, 0 errors and p99 < 500 ms for the
// readers and for objections, every real objection stored, the flood throttled after 10
// an hour and an oversized body refused — and the flood changes nothing for the others.
//
// Set-up (not timed): the demo at its final review (`demo load --live --stage
// final_review`) in a temp dir, a server; the secretariat applies the final review's
// proposal and opens the notice (its session, the campaign page's form).
//
// Measured window: --readers people, each on its own keep-alive connection, read the
// notice page (GET /notice; every fifth read GET /api/v1/notice) every --read-gap seconds
// after the previous answer. --objectors people, each from its own loopback address
// (127.0.x.y: the throttle counts per address), file one objection at a random moment of
// the window (POST /api/v1/notice/{id}/objections, 201 expected). One flooder, from an
// address of its own, posts objections back to back: the first 10 are accepted and the
// rest refused with 429 objection_throttled (expected, not errors); every tenth of its
// posts carries a 40 KiB body instead, refused with 413 (expected too).
//
// Prints a summary and one JSON line. Exit 0 when the goal holds, 1 when not, 2 on a
// set-up error.
import { spawn, execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { close, connection, describe, send, sendJson, sessionCookie, sleep } from './rush_http.mjs';
import { Recorder, loadAverage, machine, machineTimes, machineUse } from './rush_measure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const kczg = process.env.KCZG_BINARY ? path.resolve(process.env.KCZG_BINARY) : path.join(root, 'build', 'kczg');
const run = promisify(execFile);
const kGoalMs = 500;

class SetupError extends Error {}

function parseOptions(argv) {
  const o = { readers: 1000, objectors: 100, duration: 30, workers: 4, readGap: [1, 3], timeout: 10 };
  for (let i = 0; i < argv.length; i++) {
    const take = () => argv[++i];
    const number = (v) => {
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) throw new SetupError(`${argv[i - 1]}: not a number: ${v}`);
      return n;
    };
    switch (argv[i]) {
      case '--readers': o.readers = number(take()); break;
      case '--objectors': o.objectors = number(take()); break;
      case '--duration': o.duration = number(take()); break;
      case '--workers': o.workers = number(take()); break;
      case '--timeout': o.timeout = number(take()); break;
      case '--read-gap': o.readGap = take().split('-').map(number); break;
      default: throw new SetupError(`unknown option ${argv[i]}`);
    }
  }
  return o;
}

function expectStatus(answer, status, what) {
  if (answer.status === status) return answer;
  const { code, message } = describe(answer);
  throw new SetupError(`${what}: answered ${answer.status} ${code}: ${message}`);
}

// "YYYY-MM-DDTHH:MM" in Beijing time, `minutes` from now, as the campaign form takes it.
function beijing(minutes) {
  return new Date(Date.now() + (8 * 60 + minutes) * 60_000).toISOString().slice(0, 16);
}

// Objector n's own loopback address (127.0.0.1 is the readers' and the set-up's).
function objectorAddress(n) {
  const k = n + 2;
  return `127.0.${(k >> 8) & 255}.${k & 255}`;
}

async function startServer(db, dir, workers) {
  const child = spawn(kczg, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--static', path.join(root, 'static'),
    '--blobs', path.join(dir, 'blobs'), '--quiet', '--workers', String(workers)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s) => { stderr += s; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s) => {
      out += s;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new SetupError(`kczg serve exited ${code}: ${stderr}`)));
  });
  return { child, url, stderr: () => stderr };
}

// The secretariat applies the proposal and opens the notice; the listed entries' ids.
async function openNotice(url) {
  const conn = connection(url);
  const body = new URLSearchParams({ login: 'secretariat@demo.kczg.cn', password: 'kczg-demo-2023' }).toString();
  const signed = await send(conn, { method: 'POST', path: '/sign-in', body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  expectStatus(signed, 303, 'sign-in as the secretariat');
  conn.cookie = sessionCookie(signed);
  conn.csrf = JSON.parse(expectStatus(await send(conn, { path: '/api/v1/me' }), 200, 'GET /api/v1/me').body).csrf_token;
  expectStatus(await send(conn, { method: 'POST', path: '/api/v1/final-review/apply' }), 200, 'apply the proposal');
  const phase = async (kind, starts, ends) => {
    const form = new URLSearchParams({ _csrf: conn.csrf, kind, starts_at: starts, ends_at: ends, confirm: 'yes' });
    expectStatus(await send(conn, { method: 'POST', path: '/secretariat/campaign/phase', body: form.toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 200, `set ${kind}`);
  };
  const campaign = JSON.parse(expectStatus(await send(conn, { path: '/api/v1/campaign' }), 200, 'campaign').body);
  const final = campaign.phases.find((p) => p.kind === 'final_review');
  await phase('final_review', final.starts_at.slice(0, 16), beijing(-1));
  await phase('public_notice', beijing(-1), beijing(7 * 24 * 60));
  const notice = JSON.parse(expectStatus(await send(conn, { path: '/api/v1/notice' }), 200, 'notice').body);
  if (!notice.entries.length) throw new SetupError('the notice has no entries');
  return { admin: conn, entries: notice.entries.map((e) => e.application) };
}

const grounds = (n) => `第 ${n} 份异议：该项目核心专利已转让他人，申报单位已不是权利人，附登记簿副本为证。`;

async function measure(url, options, entries) {
  const rec = new Recorder(['read', 'read_api', 'object', 'flood']);
  const flood = { accepted: 0, throttled: 0, too_large: 0, other: 0 };
  const end = performance.now() + options.duration * 1000;
  const gap = () => (options.readGap[0] + Math.random() * (options.readGap[1] - options.readGap[0])) * 1000;
  const timeoutMs = options.timeout * 1000;

  const reader = async () => {
    const conn = connection(url);
    let n = 0;
    await sleep(Math.random() * gap());
    while (performance.now() < end) {
      const api = ++n % 5 === 0;
      rec.record(api ? 'read_api' : 'read', await send(conn, { path: api ? '/api/v1/notice' : '/notice', timeoutMs }), describe);
      await sleep(gap());
    }
    close(conn);
  };
  const objector = async (n) => {
    const conn = connection(url, { localAddress: objectorAddress(n) });
    await sleep(Math.random() * options.duration * 900);
    const answer = await sendJson(conn, 'POST', `/api/v1/notice/${entries[n % entries.length]}/objections`,
      { name: `异议人${n}`, contact: `objector${n}@example.org`, grounds: grounds(n) }, timeoutMs);
    // 201 is the only right answer; Recorder counts 2xx as ok.
    rec.record('object', answer, describe);
    close(conn);
  };
  const flooder = async () => {
    const conn = connection(url, { localAddress: '127.0.255.254' });
    let n = 0;
    while (performance.now() < end) {
      const big = ++n % 10 === 0;
      const answer = big
        ? await send(conn, { method: 'POST', path: `/api/v1/notice/${entries[0]}/objections`, timeoutMs,
          headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: '洪水', contact: 'f@example.org', grounds: 'x'.repeat(40 * 1024) }) })
        : await sendJson(conn, 'POST', `/api/v1/notice/${entries[0]}/objections`,
          { name: '洪水', contact: 'flood@example.org', grounds: grounds(-n) }, timeoutMs);
      if (answer.status !== 0) rec.latencies.flood.push(answer.ms);
      if (answer.status === 201) flood.accepted += 1;
      else if (answer.status === 429) flood.throttled += 1;
      else if (answer.status === 413) flood.too_large += 1;
      else { flood.other += 1; rec.record('flood', answer, describe); }
    }
    close(conn);
  };

  const before = machineTimes();
  const started = performance.now();
  await Promise.all([
    ...Array.from({ length: options.readers }, reader),
    ...Array.from({ length: options.objectors }, (_, n) => objector(n)),
    flooder(),
  ]);
  const seconds = (performance.now() - started) / 1000;
  return { rec, flood, seconds, machine_use: machineUse(before, machineTimes()) };
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kczg-notice-bench-'));
  let server;
  try {
    const db = `sqlite:${path.join(dir, 'kczg.db')}`;
    await run(kczg, ['demo', 'load', '--live', '--stage', 'final_review', '--db', db,
      '--units', path.join(root, 'demo', 'units.csv')], { cwd: root, timeout: 60_000 });
    server = await startServer(db, dir, options.workers);
    const { admin, entries } = await openNotice(server.url);
    const load = loadAverage();
    const { rec, flood, seconds, machine_use } = await measure(server.url, options, entries);
    const stored = JSON.parse(expectStatus(await send(admin, { path: '/api/v1/objections' }), 200, 'objections').body);
    const fromObjectors = stored.filter((o) => o.name.startsWith('异议人')).length;
    const fromFlood = stored.filter((o) => o.name === '洪水').length;
    const s = Object.fromEntries(['read', 'read_api', 'object', 'flood'].map((t) => [t, rec.summary(t)]));
    s.flood = { ...s.flood, ...flood };
    const errors = ['read', 'read_api', 'object', 'flood'].reduce((n, t) => n + rec.errors(t), 0);
    const goal = errors === 0 && s.read.p99 < kGoalMs && s.read_api.p99 < kGoalMs && s.object.p99 < kGoalMs &&
      fromObjectors === options.objectors && fromFlood === 10 && flood.accepted === 10 && flood.throttled > 0 &&
      flood.too_large > 0;
    const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(0)} ms` : '—');
    console.log(`notice_bench: ${options.readers} readers, ${options.objectors} objectors, 1 flooder, ${seconds.toFixed(1)} s, ` +
      `${options.workers} workers; load average at start ${load}`);
    for (const t of ['read', 'read_api', 'object', 'flood']) {
      const x = s[t];
      console.log(`  ${t.padEnd(8)} ${String(x.answered).padStart(6)} answered (${(x.answered / seconds).toFixed(1)}/s), ` +
        `p50 ${ms(x.p50)}, p99 ${ms(x.p99)}, max ${ms(x.max)}, errors ${rec.errors(t)}`);
    }
    console.log(`  flood: ${flood.accepted} accepted, ${flood.throttled} throttled (429), ${flood.too_large} too large (413), ${flood.other} other`);
    console.log(`  stored: ${fromObjectors} of ${options.objectors} objectors' objections, ${fromFlood} of the flood's`);
    for (const sample of rec.samples.values()) console.log(`  error sample: ${JSON.stringify(sample)}`);
    console.log(`  machine CPU: ${Object.entries(machine_use).map(([k, v]) => `${k} ${v.toFixed(0)}%`).join(', ')}`);
    console.log(`  goal (0 errors, p99 < ${kGoalMs} ms, every objection stored, the flood held at 10): ${goal ? 'met' : 'MISSED'}`);
    console.log(JSON.stringify({ options, seconds, load_average: load, machine: machine(), machine_use, summary: s,
      stored: { objectors: fromObjectors, flood: fromFlood }, goal }));
    close(admin);
    return goal ? 0 : 1;
  } finally {
    if (server) {
      server.child.kill('SIGTERM');
      await new Promise((resolve) => server.child.once('exit', resolve));
    }
    await fs.rm(dir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (e) => {
  console.error(`notice_bench: ${e instanceof SetupError ? '' : 'unexpected: '}${e.stack ?? e}`);
  process.exit(2);
});
