import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, notes, run } from './yaml.js';
import { gwRoute, PUBLIC } from './gateway.js';

const rules = '    - backends: [{ service: a }]\n';

describe('GatewayRouteConflictRule (MESH3109)', () => {
  test('two routes for one host of a gateway: at the second, with a note at the first', () => {
    const r = run({
      's.yaml': BASE.svc('a'),
      'g.yaml': PUBLIC,
      'a.yaml': gwRoute('public', '[shop.example.com]', rules, 'first'),
      'b.yaml': gwRoute('public', '[api.shop.example.com, shop.example.com]', rules, 'second'),
    });
    assert.deepEqual(found(r), ['b.yaml:6:33 MESH3109 host "shop.example.com" of gateway "public" is already routed by HTTPRoute "first"']);
    assert.deepEqual(notes(r), [['a.yaml:6:11 the other one is here']]);
  });

  test('a route without hosts takes every host of the listeners: the note points at its gateway', () => {
    const r = run({
      's.yaml': BASE.svc('a'),
      'g.yaml': PUBLIC,
      'a.yaml': gwRoute('public', undefined, rules, 'first'),
      'b.yaml': gwRoute('public', '[shop.example.com]', rules, 'second'),
    });
    assert.deepEqual(found(r), ['b.yaml:6:11 MESH3109 host "shop.example.com" of gateway "public" is already routed by HTTPRoute "first"']);
    assert.deepEqual(notes(r), [['a.yaml:5:12 the other one is here']]);
  });

  test('silent: a more specific host than another route\'s wildcard (Envoy picks the most specific domain)', () => {
    const r = run({
      's.yaml': BASE.svc('a'),
      'g.yaml': PUBLIC,
      'a.yaml': gwRoute('public', '["*.shop.example.com"]', rules, 'first'),
      'b.yaml': gwRoute('public', '[api.shop.example.com]', rules, 'second'),
    });
    assert.deepEqual(found(r), []);
  });

  test('silent: different hosts of one gateway', () => {
    const r = run({
      's.yaml': BASE.svc('a'),
      'g.yaml': PUBLIC,
      'a.yaml': gwRoute('public', '[shop.example.com]', rules, 'first'),
      'b.yaml': gwRoute('public', '[api.shop.example.com]', rules, 'second'),
    });
    assert.deepEqual(found(r), []);
  });
});
