// Shared pieces of the reliability tests: databases (a temp SQLite file, or a fresh schema
// in the PostgreSQL named by KCZG_TEST_PG), `kczg serve` processes that can be SIGKILLed
// and restarted on the same database and blob directory, and a small HTTP client that
// speaks the JSON API as a signed-in applicant or unit.
//
// Nothing here is shared between tests except through arguments; every helper is safe to
// use from many concurrent async clients in one process.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { binary, repoRoot, demoPassword, demoAccounts, usccWithCheck, spawnServe } from '../e2e/server.mjs';

export { binary, repoRoot, demoPassword, demoAccounts, usccWithCheck };
// One `kczg serve` on an existing database (shared with the browser tests' server).
export const startServe = spawnServe;

const run = promisify(execFile);
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const now = () => performance.now();
export const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

// ---------------------------------------------------------------------------------------
// PostgreSQL: KCZG_TEST_PG is required under CI, optional elsewhere.

// Returns the PostgreSQL URL, or calls t.skip() and returns null. Under CI a missing
// KCZG_TEST_PG is a failure, not a skip: the quota race would silently never run.
export function postgresUrlOrSkip(t, what) {
  const url = process.env.KCZG_TEST_PG;
  if (url) return url;
  if (process.env.CI) {
    throw new Error(`${what} needs PostgreSQL: KCZG_TEST_PG is not set (CI is set, so this fails ` +
      'rather than skips; scripts/test starts a throwaway cluster)');
  }
  const message = `${what} skipped: KCZG_TEST_PG is not set ` +
    '(e.g. export KCZG_TEST_PG=$(scripts/pg-throwaway start | tail -1))';
  console.log(message);
  t.skip(message);
  return null;
}

// A fresh schema in the KCZG_TEST_PG database, so that runs never see each other's rows.
// Returns {url, drop()}: url points kczg at the schema through libpq's `options`.
export async function freshPostgresSchema(baseUrl, prefix) {
  const schema = `${prefix}_${process.pid}_${Date.now().toString(36)}`.toLowerCase();
  await psql(baseUrl, `CREATE SCHEMA ${schema}`);
  const url = `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}options=-csearch_path%3D${schema}`;
  return {
    url,
    schema,
    async drop() { await psql(baseUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`); },
  };
}

async function psql(url, sql) {
  await run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', url, '-c', sql], { timeout: 30_000 });
}

// ---------------------------------------------------------------------------------------
// Databases and servers.

// Clean-up in reverse order of set-up (servers stop before their database and directory
// go), run once after the test whatever its outcome: defer(fn) adds a step.
export function cleanupStack(t) {
  const steps = [];
  t.after(async () => {
    while (steps.length) {
      try { await steps.pop()(); } catch (e) { console.log(`clean-up: ${e.message}`); }
    }
  });
  return (fn) => { steps.push(fn); };
}

// A temp directory for SQLite files and blobs; remove() deletes it.
export async function tempDir(prefix) {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

// `kczg demo load --live`: the demo campaign with its collection phase open now.
export async function loadDemo(db) {
  await run(binary, ['demo', 'load', '--live', '--db', db, '--units', path.join(repoRoot, 'demo', 'units.csv')],
    { cwd: repoRoot, env: { ...process.env, KCZG_LANG: 'en' }, timeout: 60_000 });
}

// ---------------------------------------------------------------------------------------
// HTTP.

// One keep-alive agent for the process; kczg closes its side when it dies, and a request
// on a dead socket fails like any other request on a dead server.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

// A transport failure (refused, reset, timed out): the server is down or was killed while
// answering. Such a request may or may not have taken effect.
export class TransportError extends Error {
  constructor(cause) {
    super(`transport: ${cause.code || cause.message}`);
    this.cause = cause;
  }
}

// Sends one request; resolves {status, headers, body: Buffer, json()}; rejects with a
// TransportError when no complete answer arrives.
export function request(url, { method = 'GET', headers = {}, body, timeoutMs = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
    const req = http.request(url, {
      method,
      agent,
      headers: { ...headers, ...(payload ? { 'Content-Length': payload.length } : {}) },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', (e) => reject(new TransportError(e)));
      res.on('aborted', () => reject(new TransportError(new Error('response aborted'))));
      res.on('end', () => {
        if (!res.complete) { reject(new TransportError(new Error('response incomplete'))); return; }
        const buffer = Buffer.concat(chunks);
        resolve({
          status: res.statusCode,
          headers: res.headers,
          body: buffer,
          json() { return JSON.parse(buffer.toString('utf8')); },
        });
      });
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (e) => reject(new TransportError(e)));
    req.end(payload);
  });
}

// A signed-in browser-like client: the session cookie plus its CSRF token. `target` is any
// object with a current `url`, so that a client follows a restarted server.
export class Session {
  constructor(target, cookie) {
    this.target = target;
    this.cookie = cookie;
    this.csrf = null;
    this.me = null;
  }

  // Loads /api/v1/me (account, unit_id, applicant_id, csrf_token).
  async init() {
    const r = await this.call('GET', '/api/v1/me');
    if (r.status !== 200) throw new Error(`/api/v1/me → ${r.status} ${r.body}`);
    this.me = r.json();
    this.csrf = this.me.csrf_token;
    return this;
  }

  call(method, pathname, { json, body, contentType, timeoutMs } = {}) {
    const headers = { Cookie: `kczg_session=${this.cookie}`, Accept: 'application/json' };
    if (method !== 'GET' && this.csrf) headers['X-CSRF-Token'] = this.csrf;
    let payload = body;
    if (json !== undefined) {
      payload = JSON.stringify(json);
      headers['Content-Type'] = 'application/json';
    } else if (contentType) {
      headers['Content-Type'] = contentType;
    }
    return request(this.target.url + pathname, { method, headers, body: payload, timeoutMs });
  }
}

function sessionCookie(response) {
  for (const line of [].concat(response.headers['set-cookie'] || [])) {
    const m = line.match(/^kczg_session=([^;]+)/);
    if (m) return m[1];
  }
  return null;
}

function form(fields) {
  return new URLSearchParams(fields).toString();
}

// Signs in with the sign-in form (throttled per address: 20 per 15 minutes).
export async function signIn(target, login, password = demoPassword) {
  const r = await request(`${target.url}/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form({ login, password }),
  });
  const cookie = sessionCookie(r);
  if (r.status !== 303 || !cookie) throw new Error(`sign-in as ${login} → ${r.status}`);
  return new Session(target, cookie).init();
}

// A 17-character USCC body unique to `n`: "91" (enterprise), region 330106, then digits.
export function usccFor(n) {
  return usccWithCheck(`91330106${String(n).padStart(9, '0')}`);
}

// Registers an enterprise applicant; registration signs it in. Returns the Session, with
// session.uscc set.
export async function registerApplicant(target, n, tag) {
  const uscc = usccFor(n);
  const login = `rel-${tag}-${n}@example.org`;
  const r = await request(`${target.url}/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form({
      kind: 'enterprise', name: `可靠性测试企业${n}`, uscc, contact: `联系人${n} 0571-0000000`,
      login, password: 'reliability-1234', password2: 'reliability-1234',
    }),
  });
  const cookie = sessionCookie(r);
  if (r.status !== 303 || !cookie) {
    throw new Error(`register ${login} → ${r.status}: ${r.body.toString('utf8').slice(0, 300)}`);
  }
  const session = await new Session(target, cookie).init();
  session.uscc = uscc;
  session.login = login;
  return session;
}

// ---------------------------------------------------------------------------------------
// Application forms.

const forms = new Map();

// GET /api/v1/forms/{list}, cached per list (the definitions are static).
export async function formDefinition(target, list) {
  if (!forms.has(list)) {
    const r = await request(`${target.url}/api/v1/forms/${list}`);
    if (r.status !== 200) throw new Error(`form ${list} → ${r.status}`);
    forms.set(list, r.json());
  }
  return forms.get(list);
}

// Values for every required field of `formDef`, each within its min..max; `tag` makes the
// text of one application differ from another's, so their digests differ.
export function fillForm(formDef, { uscc, tag }) {
  const values = {};
  for (const section of formDef.sections) {
    for (const f of section.fields) {
      if (!f.required) continue;
      values[f.name] = valueFor(f, { uscc, tag });
    }
  }
  return values;
}

function valueFor(f, { uscc, tag }) {
  switch (f.type) {
    case 'text':
    case 'textarea': {
      const want = Math.max(f.min ?? 0, 12);
      const length = f.max ? Math.min(want, f.max) : want;
      const text = `可靠性测试${tag}：国产化自主可控技术成果转化与产业应用示范`;
      return text.repeat(Math.ceil(length / text.length) + 1).slice(0, length);
    }
    case 'integer':
    case 'decimal': {
      const low = Math.max(f.min ?? 1, 1);
      return String(f.max != null ? Math.min(low, f.max) : low);
    }
    case 'date':
      return '2020-05-01';
    case 'choice':
      return f.options[0].code;
    case 'uscc':
      return uscc;
    case 'region':
      return '330106';
    case 'attestation':
      return '1';
    default:
      throw new Error(`no test value for a ${f.type} field (${f.name})`);
  }
}

// A minimal PDF; `tag` makes each one's bytes (and so its blob) distinct.
export function pdfBytes(tag) {
  return Buffer.from(`%PDF-1.4\n% kczg reliability ${tag}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}
