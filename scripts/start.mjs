// `npm start`: launches the built desktop app with the installed Electron binary, or says in one
// sentence that there is none and how to use Hookscope without it. Runs after `npm run build`.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { findElectronBinary } = await import(new URL('../dist/electron/main/electron-binary.js', import.meta.url).href);
const electron = findElectronBinary(root);

if (!electron.found) {
  console.error(`hookscope: cannot start the desktop app because ${electron.reason}; run \`npm run serve\` to use Hookscope in your browser instead.`);
  process.exit(1);
}

const child = spawn(electron.path, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => {
  console.error(`hookscope: cannot run ${electron.path}: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
