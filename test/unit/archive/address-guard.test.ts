import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyAddress, refusedClass, type AddressClass } from '../../../electron/core/archive/index.js';

const table: Array<[string, AddressClass]> = [
  ['8.8.8.8', 'public'],
  ['52.216.8.1', 'public'],
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['172.32.0.1', 'public'],
  ['192.168.1.1', 'private'],
  ['100.64.0.1', 'private'],
  ['169.254.169.254', 'link-local'],
  ['169.254.0.1', 'link-local'],
  ['127.0.0.1', 'loopback'],
  ['127.8.9.10', 'loopback'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'reserved'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['255.255.255.255', 'reserved'],
  ['240.0.0.1', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['192.0.2.1', 'reserved'],
  ['::', 'unspecified'],
  ['::1', 'loopback'],
  ['[::1]', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  ['fe80::1', 'link-local'],
  ['fe80::1%eth0', 'link-local'],
  ['febf::1', 'link-local'],
  ['fc00::1', 'private'],
  ['fd12:3456::1', 'private'],
  ['ff02::1', 'multicast'],
  ['::ffff:10.0.0.1', 'private'],
  ['::ffff:a00:1', 'private'],
  ['::ffff:169.254.169.254', 'link-local'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:8.8.8.8', 'public'],
  ['64:ff9b::a9fe:a9fe', 'link-local'],
  ['64:ff9b::808:808', 'public'],
  ['2002:0a00:0001::1', 'private'],
  ['::127.0.0.1', 'reserved'],
  ['2001:db8::1', 'reserved'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'],
  ['2606:4700:4700::1111', 'public'],
  ['2a00:1450:4001:80b::200e', 'public'],
  ['not-an-ip', 'invalid'],
  ['1.2.3', 'invalid'],
  ['1.2.3.256', 'invalid'],
];

describe('address guard', () => {
  for (const [address, cls] of table) {
    it(`${address} is ${cls}`, () => assert.equal(classifyAddress(address), cls));
  }

  it('refuses everything but public addresses; loopback only when allowed', () => {
    assert.equal(refusedClass('8.8.8.8', { allowLoopback: false }), null);
    assert.equal(refusedClass('127.0.0.1', { allowLoopback: false }), 'loopback');
    assert.equal(refusedClass('127.0.0.1', { allowLoopback: true }), null);
    assert.equal(refusedClass('::1', { allowLoopback: true }), null);
    assert.equal(refusedClass('::ffff:127.0.0.1', { allowLoopback: true }), null);
    for (const a of ['10.0.0.1', '169.254.169.254', '0.0.0.0', '::', 'fe80::1', 'fd00::1', '224.0.0.1', 'garbage']) {
      assert.notEqual(refusedClass(a, { allowLoopback: true }), null, a);
    }
  });
});
