// Reads {"patches":[{id, resource, operations}], "filters":[{id, filter, resources}]} on stdin and prints
// {"patches":[{id, result} | {id, error}], "filters":[{id, selected} | {id, error}]}: the same cases run through
// scim-patch and scim2-parse-filter, for FederationKit's differential tests.
'use strict';
const { scimPatch } = require('scim-patch');
const { parse, filter } = require('scim2-parse-filter');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const cases = JSON.parse(input);
  const out = { patches: [], filters: [] };
  for (const c of cases.patches || []) {
    try {
      const result = scimPatch(JSON.parse(JSON.stringify(c.resource)), c.operations, { mutateDocument: false });
      out.patches.push({ id: c.id, result });
    } catch (e) {
      out.patches.push({ id: c.id, error: String(e && (e.scimType || e.name || e.message)) });
    }
  }
  for (const c of cases.filters || []) {
    try {
      const test = filter(parse(c.filter));
      out.filters.push({ id: c.id, selected: c.resources.filter(test).map((r) => r.id) });
    } catch (e) {
      out.filters.push({ id: c.id, error: String(e && e.message) });
    }
  }
  process.stdout.write(JSON.stringify(out));
});
