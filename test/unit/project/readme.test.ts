import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../support/corpus';

/** The README's settings table and command list must stay true to the manifest. */
describe('README matches package.json', () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const configuration = [manifest.contributes.configuration].flat();
  const settings: string[] = configuration.flatMap((c: { properties: object }) => Object.keys(c.properties));

  it('documents every setting, and no setting that does not exist', () => {
    assert.deepEqual(settings.filter((s) => !readme.includes('`' + s + '`')), []);
    const documented = [...readme.matchAll(/^\| `(dramaturge\.[\w.]+)` \|/gm)].map((m) => m[1]);
    assert.deepEqual(documented.filter((s) => !settings.includes(s)), []);
  });

  it('names every palette command', () => {
    const hidden = new Set(
      (manifest.contributes.menus?.commandPalette ?? []).filter((m: { when?: string }) => m.when === 'false').map((m: { command: string }) => m.command),
    );
    const titles: string[] = manifest.contributes.commands
      .filter((c: { command: string }) => !hidden.has(c.command) && !c.command.startsWith('dramaturge.outline.') && !c.command.startsWith('dramaturge.review.'))
      .map((c: { title: string }) => c.title.replace(/…$/, ''));
    assert.deepEqual(titles.filter((t) => !readme.includes(t)), []);
  });

  it('states the two quick-start commands that exist as npm scripts', () => {
    for (const script of ['start', 'test', 'bench', 'package', 'test:electron', 'test:e2e', 'test:unit', 'test:grammar']) {
      assert.ok(manifest.scripts[script], `npm run ${script} exists`);
      assert.ok(readme.includes(script === 'start' || script === 'test' ? `npm ${script}` : `npm run ${script}`), `README mentions ${script}`);
    }
  });
});
