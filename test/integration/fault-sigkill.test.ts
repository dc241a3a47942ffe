// "Store, then answer" under SIGKILL: a real `serve` process takes concurrent deliveries and is
// killed with SIGKILL at a random moment, again and again, on the same data folder. After every
// kill the SQLite file must pass integrity_check and hold every delivery that got a 2xx, byte-exact.
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { databaseFileIn } from '../../electron/core/store/paths.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { integrityCheck, storedDeliveries } from '../helpers/faults.js';
import { send } from '../helpers/http.js';
import { startServe } from '../helpers/serve-process.js';

const KILLS = 10;
const SENDERS = 6;
/** Each sender stops after this many requests even if the kill has not come (bounded loop). */
const MAX_PER_SENDER = 400;

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('fault: SIGKILL under load', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  before(async () => {
    data = await makeDataDir();
  });
  after(() => data.remove());

  it(`loses no acknowledged delivery over ${KILLS} kills, and the file stays sound`, async (t) => {
    const dbFile = databaseFileIn(data.dir);
    const acknowledged = new Map<string, string>(); // url → sha-256 of the body sent
    let sent = 0;
    for (let round = 0; round < KILLS; round++) {
      const serve = await startServe(data.dir);
      let killed = false;
      const sender = async (s: number) => {
        for (let i = 0; i < MAX_PER_SENDER && !killed; i++) {
          const url = `/kill/r${round}-s${s}-${i}`;
          const body = randomBytes(randomInt(0, 48 * 1024));
          sent++;
          try {
            const res = await send(`${serve.captureUrl}${url}`, { headers: ['Content-Type', 'application/octet-stream'], body });
            if (res.status >= 200 && res.status < 300) acknowledged.set(url, sha(body));
          } catch {
            // Cut by the kill (reset, refused): no answer, no claim.
          }
        }
      };
      const senders = Array.from({ length: SENDERS }, (_, s) => sender(s));
      await new Promise((r) => setTimeout(r, randomInt(100, 1200)));
      const exited = once(serve.child, 'exit');
      serve.child.kill('SIGKILL');
      await exited;
      killed = true;
      await Promise.all(senders);

      assert.equal(integrityCheck(dbFile), 'ok', `after kill ${round + 1}`);
      const stored = new Map(storedDeliveries(dbFile).map((r) => [r.url, r.bodySha256]));
      const lost = [...acknowledged].filter(([url, hash]) => stored.get(url) !== hash).map(([url]) => url);
      assert.deepEqual(lost, [], `after kill ${round + 1}: acknowledged but not stored byte-exact`);
    }
    const stored = storedDeliveries(dbFile).length;
    t.diagnostic(`kills ${KILLS}, requests sent ${sent}, acknowledged ${acknowledged.size}, stored ${stored}, acknowledged lost 0`);
    assert.ok(acknowledged.size >= KILLS, 'the kills came under load');
    // And it starts again on what the kills left.
    const serve = await startServe(data.dir);
    try {
      assert.equal((await send(`${serve.captureUrl}/after-kills`, { body: 'alive' })).status, 200);
    } finally {
      assert.equal(await serve.stop(), 0);
    }
  });
});
