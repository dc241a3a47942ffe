import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SIGN_IN_CODE_TTL_MS, SessionStore } from '../../electron/serve/sessions.js';

describe('sign-in codes and sessions', () => {
  it('a code signs in once and only once', () => {
    const store = new SessionStore(() => 1_000);
    const code = store.issueCode();
    assert.equal(store.redeemCode(code), true);
    assert.equal(store.redeemCode(code), false, 'spent');
  });

  it('a code expires after its time to live, and is spent by the late attempt', () => {
    let now = 1_000;
    const store = new SessionStore(() => now);
    const late = store.issueCode();
    const inTime = store.issueCode();
    now += SIGN_IN_CODE_TTL_MS - 1;
    assert.equal(store.redeemCode(inTime), true);
    now += 1;
    assert.equal(store.redeemCode(late), false, 'expired');
    now -= 10_000;
    assert.equal(store.redeemCode(late), false, 'an expired code does not come back');
  });

  it('refuses codes it never issued, empty ones, and session ids used as codes', () => {
    const store = new SessionStore();
    const session = store.open();
    for (const code of [undefined, null, '', 'x', session, store.issueCode().slice(1)]) assert.equal(store.redeemCode(code), false, String(code));
  });

  it('knows the sessions it opened until they are closed', () => {
    const store = new SessionStore();
    const a = store.open();
    const b = store.open();
    assert.notEqual(a, b);
    assert.equal(store.isOpen(a), true);
    assert.equal(store.isOpen(undefined), false);
    assert.equal(store.isOpen(store.issueCode()), false, 'a code is not a session');
    store.close(a);
    assert.equal(store.isOpen(a), false);
    assert.equal(store.isOpen(b), true);
  });
});
