#!/usr/bin/env bash
# `npm start`: a real VS Code in the browser (code-server) with Dramaturge installed from a freshly built
# .vsix, opened on a sample screenplay. Installs what is missing first (apt packages, Node 24, code-server:
# the same setup as the e2e tests). Runs in the foreground; Ctrl+C stops it.
# Env: PORT (default 8080). State lives under .e2e/demo, so settings and edits survive restarts.
set -euo pipefail
LOG_TAG=start
# shellcheck source=test/e2e/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/../test/e2e/setup.sh"
cd "$ROOT"
PORT=${PORT:-8080}
DEMO=$E2E/demo

ensure_all
build_project
mkdir -p "$DEMO"
package_vsix "$DEMO/dramaturge.vsix"
cs_dirs "$DEMO" "$PORT"
ts "install the extension"
cs "$DEMO" --install-extension "$DEMO/dramaturge.vsix" --force >/dev/null

# The demo workspace gets its own copy of the sample; an existing copy holds the user's edits, keep it.
mkdir -p "$DEMO/workspace"
[ -f "$DEMO/workspace/brick-and-steel.fountain" ] ||
  cp "$ROOT/test/fixtures/ws/brick-and-steel.fountain" "$DEMO/workspace/brick-and-steel.fountain"

URL="http://127.0.0.1:$PORT/"
cat <<EOF

  Dramaturge in VS Code (code-server $CODE_SERVER_VERSION):
    open   $URL   (the workspace is $DEMO/workspace)
    then   open brick-and-steel.fountain from the explorer; F1 → "Dramaturge: …" lists the commands.

  The same engine from a shell:
    node dist/cli.js --help

  Stop with Ctrl+C.

EOF
exec env PATH="$N24/bin:$PATH" XDG_CONFIG_HOME="$DEMO/xdg" XDG_DATA_HOME="$DEMO/xdg" \
  "$CS" --config "$DEMO/config.yaml" --user-data-dir "$DEMO/ud" --extensions-dir "$DEMO/exts" \
  --reconnection-grace-time 5 "$DEMO/workspace"
