// Finding 10 of issue 9: a remote window (code-server always is one; Remote-SSH, WSL, containers)
// ignores machine and machine-overridable keys in the user settings once it knows their scope. The
// untrusted e2e suite saw the user's provider and base URL vanish in about one run in three, and a
// writer on code-server lost their endpoint the same way. The model settings a writer sets once in
// user settings must therefore not be machine-scoped; baseUrl must still never come from a workspace.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../package.json'), 'utf8'));
const properties: Record<string, { scope?: string }> = Object.assign({}, ...[pkg.contributes.configuration].flat().map((c: { properties: object }) => c.properties));

describe('model settings reach remote windows (issue 9, finding 10)', () => {
  for (const key of ['dramaturge.model.provider', 'dramaturge.model.baseUrl', 'dramaturge.model.model', 'dramaturge.model.levels']) {
    it(`${key} is not machine-scoped`, () => {
      assert.ok(key in properties, key);
      assert.ok(!['machine', 'machine-overridable'].includes(properties[key].scope ?? 'window'), `${key}: scope ${properties[key].scope}`);
    });
  }

  it('baseUrl is application-scoped: user settings only, never a workspace', () => {
    assert.strictEqual(properties['dramaturge.model.baseUrl'].scope, 'application');
  });

  it('the restricted keys stay restricted in untrusted workspaces', () => {
    assert.deepStrictEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['dramaturge.model.provider', 'dramaturge.model.baseUrl', 'dramaturge.model.model', 'dramaturge.model.levels']);
  });
});
