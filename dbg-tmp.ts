import { makeDataDir } from './test/helpers/data-dir.js';
import { startServe } from './test/helpers/serve-process.js';
const data = await makeDataDir();
const serve = await startServe(data.dir);
const depth = 200_000;
const up = async (body: string) => {
  const r = await fetch(`${serve.uiUrl}/api/deliveries/import/upload?endpoint=default`, { method: 'POST', headers: { Authorization: `Bearer ${serve.token}` }, body });
  return [r.status, (await r.text()).slice(0, 300)];
};
try { console.log(await up(`{"log":{"entries":[{"request":{"method":"POST","url":"/d"},"_x":${'['.repeat(depth)}${']'.repeat(depth)}}]}}`)); } catch (e) { console.log('ERR', e); }
try { console.log(await up(JSON.stringify({ log: { entries: [{ request: { method: 'POST', url: '/d', headers: [{ name: 'Content-Type', value: 'text/plain' }], postData: { mimeType: 'text/plain', text: '['.repeat(depth) + ']'.repeat(depth) } } }] } }))); } catch (e) { console.log('ERR', e); }
await new Promise((r) => setTimeout(r, 500));
console.log(serve.output().slice(-3000));
await serve.stop(); await data.remove();
