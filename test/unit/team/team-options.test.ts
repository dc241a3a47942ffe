// How a node is told to join a team: serve's options and the desktop app's team.json, with the
// team key from a file or the environment, refused with a reason when malformed.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseTeamKey } from '../../../electron/core/secrets/secret-box.js';
import { teamOptionsFrom } from '../../../electron/core/team/team-config.js';
import { maskedUrl, OptionError, parseServeOptions } from '../../../electron/serve/serve-options.js';

const URL_ = 'postgres://hookscope:s3cret@db.example.com:5432/hookscope';

describe('team options', () => {
  let dir: string;
  const key = randomBytes(32);
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'team-options-'));
    await writeFile(join(dir, 'team.key'), `${key.toString('base64')}\n`);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('parses serve --team, --share-all and --team-key-file', () => {
    const options = parseServeOptions(['--team', URL_, '--share-all', '--team-key-file', join(dir, 'team.key')], {});
    assert.equal(options.team?.url, URL_);
    assert.equal(options.team?.shareAll, true);
    const sealed = options.team!.teamBox!.seal('whsec_x');
    assert.equal(options.team!.teamBox!.open(sealed), 'whsec_x');
  });

  it('takes the URL and the key from the environment, and runs alone without either', () => {
    const options = parseServeOptions([], { HOOKSCOPE_TEAM: URL_, HOOKSCOPE_TEAM_KEY: key.toString('hex') });
    assert.equal(options.team?.url, URL_);
    assert.ok(options.team?.teamBox);
    assert.equal(parseServeOptions([], {}).team, undefined);
    assert.equal(parseServeOptions(['--team', URL_], {}).team?.teamBox, null, 'no key: no box');
  });

  it('refuses a URL that is not PostgreSQL\'s, a malformed key, and team options without --team', () => {
    assert.throws(() => parseServeOptions(['--team', 'mysql://x'], {}), OptionError);
    assert.throws(() => parseServeOptions(['--team', URL_], { HOOKSCOPE_TEAM_KEY: 'short' }), /32 bytes/);
    assert.throws(() => parseServeOptions(['--share-all'], {}), /need --team/);
    assert.throws(() => parseTeamKey(randomBytes(16).toString('base64')), /32 bytes/);
  });

  it('never prints the password', () => {
    assert.equal(maskedUrl(URL_), 'postgres://hookscope:***@db.example.com:5432/hookscope');
  });

  it('reads the desktop app\'s team.json, the environment first', async () => {
    const data = await mkdtemp(join(tmpdir(), 'team-json-'));
    try {
      assert.equal(teamOptionsFrom(data, {}), undefined);
      await writeFile(join(data, 'team.json'), JSON.stringify({ url: URL_, shareAll: true, keyFile: join(dir, 'team.key') }));
      const options = teamOptionsFrom(data, {});
      assert.equal(options?.shareAll, true);
      assert.ok(options?.teamBox);
      assert.equal(teamOptionsFrom(data, { HOOKSCOPE_TEAM: 'postgres://other/db' })?.url, 'postgres://other/db');
      await writeFile(join(data, 'team.json'), JSON.stringify({ url: 'http://nope' }));
      assert.throws(() => teamOptionsFrom(data, {}), /team\.json.*PostgreSQL URL/);
    } finally {
      await rm(data, { recursive: true, force: true });
    }
  });
});
