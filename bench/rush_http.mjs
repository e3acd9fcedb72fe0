// The deadline-rush benchmark's HTTP side: one keep-alive connection per simulated person,
// requests that never reject (an error is an answer with status 0), and a small pool for
// the set-up. Node's built-in http only, so that the benchmark needs no npm packages.
import http from 'node:http';

// A person's connection: its own Agent with one socket, so that 2,000 people hold 2,000
// keep-alive connections the way 2,000 browsers would (a shared Agent would let a few
// sockets carry everyone's requests and hide the server's connection handling).
export function connection(url, { localAddress } = {}) {
  const { hostname, port } = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress });
  return { hostname, port, agent, localAddress, cookie: '', csrf: '', connects: 0 };
}

export function close(conn) {
  conn.agent.destroy();
}

// One request. Resolves {status, body, headers, ms}; a socket error or no complete answer
// within timeoutMs resolves {status: 0, error}. The latency runs from the call until the
// last byte of the answer, so it includes queueing for this connection's socket.
//
// REQUIRES: body, when given, is a string or Buffer.
export function send(conn, { method = 'GET', path, headers = {}, body, timeoutMs = 10_000 }) {
  return new Promise((resolve) => {
    const started = performance.now();
    let settled = false;
    let request;
    const finish = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, ms: performance.now() - started });
    };
    const timer = setTimeout(() => {
      finish({ status: 0, error: 'timeout' });
      request.destroy();  // the socket may hold a late answer; the Agent opens a new one
    }, timeoutMs);
    const all = { ...headers };
    if (conn.cookie) all.Cookie = conn.cookie;
    if (conn.csrf && method !== 'GET') all['X-CSRF-Token'] = conn.csrf;
    if (body !== undefined) all['Content-Length'] = Buffer.byteLength(body);
    request = http.request({ hostname: conn.hostname, port: conn.port, method, path,
      headers: all, agent: conn.agent, localAddress: conn.localAddress }, (response) => {
      const chunks = [];
      response.on('data', (c) => chunks.push(c));
      response.on('end', () => finish({ status: response.statusCode, headers: response.headers,
        body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', (e) => finish({ status: 0, error: e.code || e.message }));
    });
    request.on('socket', (socket) => {
      // Counted once per socket: more connects than people means connections were lost.
      if (!socket.rushSeen) { socket.rushSeen = true; conn.connects += 1; }
    });
    request.on('error', (e) => finish({ status: 0, error: e.code || e.message }));
    request.end(body);
  });
}

export function sendJson(conn, method, path, value, timeoutMs) {
  return send(conn, { method, path, timeoutMs, body: JSON.stringify(value),
    headers: { 'Content-Type': 'application/json' } });
}

// The kczg_session cookie of a sign-in or registration answer, as a Cookie header value.
export function sessionCookie(answer) {
  for (const line of answer.headers?.['set-cookie'] ?? []) {
    const m = line.match(/^kczg_session=([^;]+)/);
    if (m) return `kczg_session=${m[1]}`;
  }
  return '';
}

// {code, message} of an answer that is not what was expected: the API's JSON error, or
// the error paragraph of an HTML form page, or the socket error.
export function describe(answer) {
  if (answer.status === 0) return { code: answer.error, message: 'no answer (socket)' };
  try {
    const j = JSON.parse(answer.body);
    if (j && j.code) return { code: j.code, message: j.message ?? '' };
  } catch { /* not JSON: an HTML page */ }
  const html = (answer.body ?? '').match(/class="[^"]*error[^"]*"[^>]*>([^<]{1,300})</);
  return { code: `http_${answer.status}`, message: html ? html[1].trim() : (answer.body ?? '').slice(0, 120) };
}

// Runs fn(item, index) over items with at most `limit` in flight; resolves to the results.
export async function pool(limit, items, fn) {
  const results = new Array(items.length);
  let next = 0;
  async function lane() {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
