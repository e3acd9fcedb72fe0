// The API description the server serves is a valid OpenAPI 3.0 document, its $refs
// resolve, and every operation it lists without path parameters is routed by the server.
//
//   node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import { startServer } from './server.mjs';

let server;

before(async () => { server = await startServer({ workers: 1 }); });
after(async () => {
  const exit = await server?.stop();
  if (exit) assert.equal(exit.code, 0, `kczg serve exit: ${JSON.stringify(exit)}`);
});

test('GET /api/v1/openapi.json is a valid OpenAPI 3.0 document', async () => {
  const response = await fetch(`${server.url}/api/v1/openapi.json`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /^application\/json\b/);
  const spec = await response.json();
  assert.match(spec.openapi, /^3\.0\.\d+$/);

  const validator = new Validator();
  const result = await validator.validate(spec);
  assert.ok(result.valid, `not valid OpenAPI ${spec.openapi}:\n${JSON.stringify(result.errors, null, 2)}`);
  assert.equal(validator.version, '3.0');
  assert.doesNotThrow(() => validator.resolveRefs(), 'unresolvable $ref');
});

test('every listed operation without path parameters is routed', async () => {
  const spec = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
  const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
  let checked = 0;
  for (const [path, item] of Object.entries(spec.paths)) {
    if (path.includes('{')) continue;
    for (const method of methods.filter((m) => item[m])) {
      // Anonymous, so protected operations answer 401/403; a 404 or 405 means the document
      // lists something the server does not route.
      const response = await fetch(`${server.url}${path}`, { method: method.toUpperCase(), redirect: 'manual' });
      await response.arrayBuffer();
      assert.ok(![404, 405, 501].includes(response.status), `${method.toUpperCase()} ${path}: ${response.status}`);
      const documented = Object.keys(item[method].responses ?? {});
      assert.ok(documented.includes(String(response.status)) || documented.includes('default') ||
        documented.includes(`${String(response.status)[0]}XX`),
      `${method.toUpperCase()} ${path} answered ${response.status}, documented: ${documented.join(', ')}`);
      checked++;
    }
  }
  assert.ok(checked > 0);
});
