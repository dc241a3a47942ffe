// electron-builder.yml, checked offline against electron-builder's own schema, plus the choices
// that matter for security and for better-sqlite3; and the `npm start` launcher's binary lookup.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findElectronBinary } from '../../../electron/main/electron-binary.js';
import { makeDataDir } from '../../helpers/data-dir.js';

const root = join(import.meta.dirname, '..', '..', '..');
const require = createRequire(join(root, 'package.json'));

interface BuilderConfig {
  appId?: string;
  productName?: string;
  /** getConfig normalises `files` to FileSet objects ({filter: [...]}). */
  files?: (string | { filter?: string[] })[];
  asarUnpack?: string[];
  npmRebuild?: boolean;
  linux?: { target?: string[] };
  mac?: { target?: string[] };
  win?: { target?: string[] };
  electronFuses?: Record<string, boolean>;
}

describe('electron-builder.yml', () => {
  let config: BuilderConfig;
  before(async () => {
    const { getConfig } = require('app-builder-lib/out/util/config/config') as {
      getConfig(dir: string, path: string | null, options: null): Promise<BuilderConfig>;
    };
    config = await getConfig(root, null, null);
  });

  it("passes electron-builder's schema", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await validateConfiguration(config, new DebugLogger(false));
  });

  it('names the app and builds AppImage + deb, dmg and nsis', () => {
    assert.equal(config.appId, 'io.hookscope.app');
    assert.equal(config.productName, 'Hookscope');
    assert.deepEqual(config.linux?.target, ['AppImage', 'deb']);
    assert.deepEqual(config.mac?.target, ['dmg']);
    assert.deepEqual(config.win?.target, ['nsis']);
  });

  it('ships build output only', () => {
    const patterns = (config.files ?? []).flatMap((set) => (typeof set === 'string' ? [set] : (set.filter ?? [])));
    const included = patterns.filter((pattern) => !pattern.startsWith('!'));
    assert.deepEqual(included.sort(), ['dist/electron/**/*', 'dist/renderer/**/*', 'package.json']);
    assert.ok(patterns.includes('!**/*.map'));
  });

  it("unpacks better-sqlite3's native binary from the asar and does not rebuild it", () => {
    assert.ok(config.asarUnpack?.some((pattern) => pattern.includes('better-sqlite3') && pattern.endsWith('*.node')));
    assert.equal(config.npmRebuild, false);
  });

  it('flips the security fuses', () => {
    assert.deepEqual(config.electronFuses, {
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});

describe('findElectronBinary (npm start, e2e tests)', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  before(async () => {
    data = await makeDataDir();
  });
  after(() => data.remove());

  it('says the package is missing', () => {
    const result = findElectronBinary(join(data.dir, 'nowhere'), {});
    assert.equal(result.found, false);
    assert.match((result as { reason: string }).reason, /not installed/);
  });

  it('says the binary is missing when the download was skipped', async () => {
    const dir = join(data.dir, 'skipped');
    await mkdir(join(dir, 'node_modules', 'electron'), { recursive: true });
    await writeFile(join(dir, 'node_modules', 'electron', 'package.json'), '{}');
    const result = findElectronBinary(dir, {});
    assert.equal(result.found, false);
    assert.match((result as { reason: string }).reason, /no Electron binary is installed/);
  });

  it('finds an installed binary, and honours ELECTRON_OVERRIDE_DIST_PATH', async () => {
    const dir = join(data.dir, 'installed');
    await mkdir(join(dir, 'node_modules', 'electron', 'dist'), { recursive: true });
    await writeFile(join(dir, 'node_modules', 'electron', 'package.json'), '{}');
    await writeFile(join(dir, 'node_modules', 'electron', 'path.txt'), 'electron');
    await writeFile(join(dir, 'node_modules', 'electron', 'dist', 'electron'), '');
    assert.deepEqual(findElectronBinary(dir, {}), { found: true, path: join(dir, 'node_modules', 'electron', 'dist', 'electron') });
    await mkdir(join(data.dir, 'custom'), { recursive: true });
    await writeFile(join(data.dir, 'custom', 'electron'), '');
    assert.deepEqual(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: join(data.dir, 'custom') }), {
      found: true,
      path: join(data.dir, 'custom', 'electron'),
    });
  });
});
