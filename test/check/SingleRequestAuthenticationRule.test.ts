import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, notes, res, run } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') + '---\n' + BASE.svc('b') };
const ra = (service: string, providers = '[{ name: p, issuer: i, jwks: { file: /jwks.json } }]', name = 'j'): string =>
  res('RequestAuthentication', name, `  service: ${service}\n  providers: ${providers}\n`);

describe('SingleRequestAuthenticationRule (MESH3209, MESH3210)', () => {
  test('two RequestAuthentications for one service: the second is reported, with a note at the first', () => {
    const r = run({ ...services, 'j.yaml': ra('a'), 'k.yaml': ra('a.default', undefined, 'k') });
    assert.deepEqual(found(r), ['k.yaml:5:12 MESH3209 more than one RequestAuthentication for service "a.default"']);
    assert.deepEqual(notes(r), [['j.yaml:5:12 first defined here']]);
    assert.deepEqual(hints(r), ['one RequestAuthentication per service or gateway holds all of its providers']);
  });

  test('two providers with one name', () => {
    const providers = '\n    - { name: p, issuer: i, jwks: { file: /a.json } }\n    - { name: p, issuer: j, jwks: { file: /b.json } }';
    const r = run({ ...services, 'j.yaml': ra('a', providers) });
    assert.deepEqual(found(r), ['j.yaml:8:15 MESH3210 provider "p" is defined twice in this RequestAuthentication']);
  });

  test('silent: one RequestAuthentication per service', () => {
    assert.deepEqual(found(run({ ...services, 'j.yaml': ra('a'), 'k.yaml': ra('b', undefined, 'k') })), []);
  });
});
