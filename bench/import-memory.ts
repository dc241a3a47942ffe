// Peak memory of `hookscope serve` importing a large generated HAR through the streaming upload,
// and how capture fares meanwhile. Not part of CI (it writes a file of hundreds of MB):
//   npm run bench:import [-- MEGABYTES]   (default 200)
// Peak RSS is the kernel's high-water mark of the serve process (VmHWM in /proc/PID/status, Linux).
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { generateHar } from '../test/fixtures/har-generator.js';
import { makeDataDir } from '../test/helpers/data-dir.js';
import { send } from '../test/helpers/http.js';
import { startServe } from '../test/helpers/serve-process.js';

const megabytes = Number(process.argv[2] ?? 200);
const data = await makeDataDir();
const file = join(data.dir, `generated-${megabytes}mb.har`);
const generated = generateHar({ bytes: megabytes * 1024 * 1024 });
await pipeline(Readable.from(generated.chunks), createWriteStream(file));
const size = (await stat(file)).size;
console.log(`generated ${file}: ${(size / 1024 / 1024).toFixed(1)} MiB, ${generated.entries()} entries`);

const serve = await startServe(join(data.dir, 'store'));
const pid = serve.child.pid!;
const memory = async () => {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rssMb: kib('VmRSS') / 1024, peakMb: kib('VmHWM') / 1024 };
};
const before = await memory();

// Capture probes during the import: one delivery every 100 ms, each timed until it is answered.
let probing = true;
const latencies: number[] = [];
const probes = (async () => {
  while (probing) {
    const started = performance.now();
    const answer = await send(`${serve.captureUrl}/probe`, { headers: ['Content-Type', 'application/json'], body: '{"probe":true}' });
    if (answer.status !== 200) throw new Error(`a probe got ${answer.status}`);
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
})();

const started = performance.now();
const result = await new Promise<{ status: number; body: string }>((resolve, reject) => {
  const url = new URL(`${serve.uiUrl}/api/deliveries/import/upload?endpoint=default`);
  const req = request(url, { method: 'POST', headers: { Authorization: `Bearer ${serve.token}`, 'Content-Length': size, 'Content-Type': 'application/octet-stream' } }, (res) => {
    let body = '';
    res.on('data', (chunk: Buffer) => (body += chunk.toString()));
    res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
  });
  req.on('error', reject);
  createReadStream(file).pipe(req);
});
const seconds = (performance.now() - started) / 1000;
probing = false;
await probes;
const after = await memory();
await serve.stop();
await rm(data.dir, { recursive: true, force: true });

const imported = result.status === 200 ? (JSON.parse(result.body) as { imported: number }).imported : result.body;
latencies.sort((a, b) => a - b);
console.log(`import: HTTP ${result.status}, ${typeof imported === 'number' ? `${imported} deliveries` : imported}, ${seconds.toFixed(1)} s (${(size / 1024 / 1024 / seconds).toFixed(1)} MiB/s)`);
console.log(`serve RSS: ${before.rssMb.toFixed(0)} MB before, peak ${after.peakMb.toFixed(0)} MB (VmHWM), ${after.rssMb.toFixed(0)} MB after`);
console.log(`capture during the import: ${latencies.length} probes, median ${latencies[latencies.length >> 1]?.toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms`);
