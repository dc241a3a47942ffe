// Finding 5: a sender that trickles header bytes and never reads must not hold its socket. Node
// answers 408 once the header deadline passes (trickled bytes do not reset it), and the listener
// must then cut the socket after a short grace: a half-closed socket stays readable, and every
// trickled byte would reset the idle timer forever. The tunnel's listener runs the same code.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defaultCaptureLimits, startCaptureListener, type CaptureListener } from '../../electron/core/capture/listener.js';
import { tunnelIngressOptions } from '../../electron/core/tunnel-service.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { send } from '../helpers/http.js';
import { eventually, openConnections, trickleHeaders } from '../helpers/trickle.js';

const TRICKLERS = 20;
/** Far above the 5 s header deadline + 1 s check interval + 1 s grace; without the cut, never. */
const CUT_WITHIN_MS = 30_000;

describe('fault: senders that trickle headers and never read', () => {
  let t: TestCore;
  before(async () => {
    // The documented limits (README: 5 s to send the headers, 5 s of silence mid-body).
    t = await startTestCore();
  });
  after(() => t.stop());

  it('are all cut by the capture listener, while a delivery sent meanwhile is stored byte-exact', async () => {
    const port = t.core.capture.port;
    // Half start at once; half first send a complete request on the same keep-alive socket, so the
    // deadline of a second request's headers is checked too.
    const fresh = trickleHeaders(port, TRICKLERS / 2);
    const afterOne = trickleHeaders(port, TRICKLERS / 2, {
      prefix: 'POST /first HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nfirst',
    });
    try {
      assert.ok(await eventually(async () => (await openConnections(t.core.capture.server)) >= TRICKLERS, 5_000), 'all tricklers connected');
      const body = Buffer.from('{"event":"sent while 20 sockets trickle"}');
      const res = await send(`${t.captureUrl}/meanwhile`, { headers: ['Content-Type', 'application/json'], body });
      assert.equal(res.status, 200);

      const allCut = await eventually(
        async () => fresh.closedCount() + afterOne.closedCount() === TRICKLERS && (await openConnections(t.core.capture.server)) === 0,
        CUT_WITHIN_MS,
      );
      const held = await openConnections(t.core.capture.server);
      assert.ok(allCut, `the server still holds ${held} sockets; ${fresh.closedCount() + afterOne.closedCount()} of ${TRICKLERS} were cut`);

      const stored = t.core.api['deliveries.list']({ limit: 100 }).deliveries;
      const meanwhile = stored.find((d) => d.path === '/meanwhile');
      assert.ok(meanwhile, 'the delivery sent meanwhile is stored');
      assert.ok(Buffer.from(t.core.api['deliveries.get']({ id: meanwhile.id }).body, 'base64').equals(body));
      assert.equal(stored.filter((d) => d.path === '/first').length, TRICKLERS / 2, 'the complete first requests were stored');
      assert.ok(!stored.some((d) => d.path.startsWith('/trickle-')), 'no trickled request is claimed as received');
    } finally {
      fresh.stop();
      afterOne.stop();
    }
  });

  it('are all cut by the tunnel listener too (same code, a longer idle time)', async () => {
    const core = await startTestCore();
    const options = tunnelIngressOptions(defaultCaptureLimits);
    assert.ok(options.limits.idleTimeoutMs >= 60_000, 'the tunnel listener idles longer than the bound below');
    let listener: CaptureListener | undefined;
    let group: ReturnType<typeof trickleHeaders> | undefined;
    try {
      listener = await startCaptureListener(options, core.core.intake);
      group = trickleHeaders(listener.port, TRICKLERS / 2);
      const server = listener.server;
      const allCut = await eventually(
        async () => group!.closedCount() === TRICKLERS / 2 && (await openConnections(server)) === 0,
        CUT_WITHIN_MS,
      );
      assert.ok(allCut, `the tunnel listener still holds ${await openConnections(server)} sockets`);
    } finally {
      group?.stop();
      await listener?.close();
      await core.stop();
    }
  });
});
