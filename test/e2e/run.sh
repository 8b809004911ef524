#!/usr/bin/env bash
# `npm run test:e2e`: the extension in a real VS Code (code-server 4.139.1 = Code-OSS 1.139.1), offline.
#   (a) ext-host: the mocha suite (out/test/suite/**/*.test.js) inside the extension host, with the
#       repository itself as the development extension (nothing installed, so it loads exactly once);
#   (b) ui: test/e2e/ui.js, then test/e2e/ui-generation.js (with a fake model server), ui-outline.js and ui-setup.js, in Chromium
#       against the packaged .vsix installed into a second server;
#   (c) untrusted: out/test/suite-untrusted in a third server with workspace trust ON, opening
#       test/fixtures/untrusted-ws (whose .vscode/settings.json tries to redirect the model) untrusted.
# Env: E2E_ONLY=ext|ui|untrusted   run one part only
#      DRAMATURGE_*         forwarded to the extension host (e.g. DRAMATURGE_TEST_GREP='Outline')
#      E2E_NO_BUILD=1       skip `npm run build` + tsc (npm test has just done both)
#      E2E_KEEP=1           keep the run dir (.e2e/runs/…) even when everything passed
#      TEST_TIMEOUT_MS      limit for the whole ext-host suite (default 1200000: a hang guard; the real-model tests alone take minutes on 2 cores)
# Each run has its own dir, ports and servers, so concurrent runs on one checkout don't collide.
set -euo pipefail
LOG_TAG=e2e
# shellcheck source=test/e2e/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

ONLY=${E2E_ONLY:-all}
case "$ONLY" in all | ext | ui | untrusted) ;; *) echo "E2E_ONLY must be ext, ui or untrusted (got '$ONLY')" >&2; exit 2 ;; esac

ensure_all
if [ -z "${E2E_NO_BUILD:-}" ] && ! build_project; then
  echo "e2e: 0 passed, 1 failed (build failed)"
  exit 1
fi

mkdir -p "$E2E/runs"
# Dirs kept by failed runs are for looking at soon after; drop those older than half a day.
find "$E2E/runs" -mindepth 1 -maxdepth 1 -type d -mmin +720 -exec rm -rf {} + 2>/dev/null || true
RUN=$(mktemp -d "$E2E/runs/run.XXXXXX")
SERVER_PID=
stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill -- -"$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
  fi
}
FAILED_TOTAL=0
cleanup() {
  stop_server
  if [ "$FAILED_TOTAL" = 0 ] && [ -z "${E2E_KEEP:-}" ]; then rm -rf "$RUN"; else echo "e2e run dir kept: $RUN"; fi
}
trap cleanup EXIT
trap 'FAILED_TOTAL=1; exit 130' INT TERM

# start_server NAME [VSIX] — a fresh code-server home + copy of the fixture workspace under $RUN/NAME, on a
# free port; sets SERVER_DIR, PORT. Retries with another port if the one picked was taken in the meantime.
# WS_FIXTURE picks the folder under test/fixtures (default ws); WORKSPACE_TRUST=1 leaves VS Code's workspace
# trust on (cs_dirs turns it off, which every other part wants).
start_server() {
  SERVER_DIR=$RUN/$1
  mkdir -p "$SERVER_DIR"
  cp -r "$ROOT/test/fixtures/${WS_FIXTURE:-ws}" "$SERVER_DIR/ws"
  local attempt
  for attempt in 1 2 3; do
    PORT=$(free_port)
    cs_dirs "$SERVER_DIR" "$PORT"
    [ -z "${WORKSPACE_TRUST:-}" ] || sed -i '/^disable-workspace-trust:/d' "$SERVER_DIR/config.yaml"
    [ -z "${2:-}" ] || cs "$SERVER_DIR" --install-extension "$2" >/dev/null
    ts "start code-server ($1) on 127.0.0.1:$PORT"
    # --reconnection-grace-time: a closed browser would otherwise leave an extension host alive for hours.
    setsid env PATH="$N24/bin:$PATH" XDG_CONFIG_HOME="$SERVER_DIR/xdg" XDG_DATA_HOME="$SERVER_DIR/xdg" \
      "$CS" --config "$SERVER_DIR/config.yaml" --user-data-dir "$SERVER_DIR/ud" --extensions-dir "$SERVER_DIR/exts" \
      --reconnection-grace-time 5 --vscode-option enable-smoke-test-driver > "$SERVER_DIR/server.log" 2>&1 &
    SERVER_PID=$!
    wait_healthy "$PORT" "$SERVER_DIR/server.log" && return 0
    stop_server
  done
  return 1
}

PASSED=0
FAILED=0
# count PART OUTPUT_FILE — adds the last `PART: N passed, M failed` line of a part's output to the totals.
count() {
  local line
  line=$(grep -E "^$1: [0-9]+ passed, [0-9]+ failed" "$2" | tail -1 || true)
  if [ -z "$line" ]; then
    FAILED=$((FAILED + 1))
    return
  fi
  local p f
  p=$(sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed.*/\1/' <<<"$line")
  f=$(sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed.*/\2/' <<<"$line")
  PASSED=$((PASSED + p))
  FAILED=$((FAILED + f))
}

if [ "$ONLY" = all ] || [ "$ONLY" = ext ]; then
  if start_server ext; then
    ts "extension-host tests${DRAMATURGE_TEST_GREP:+ (grep: $DRAMATURGE_TEST_GREP)}"
    CS_BASE=http://127.0.0.1:$PORT WS_FOLDER=$SERVER_DIR/ws EXT_DEV_PATH=$ROOT \
      EXT_TESTS_PATH=$ROOT/out/test/suite/index \
      node test/e2e/ext-tests.js 2>&1 | tee "$RUN/ext.out" || true
    count ext-host "$RUN/ext.out"
  else
    FAILED=$((FAILED + 1))
  fi
  stop_server
fi

# UI_ONLY=ui|ui-generation|ui-outline|ui-preview runs just that UI script.
want_ui() { [ -z "${UI_ONLY:-}" ] || [ "$UI_ONLY" = "$1" ]; }

if [ "$ONLY" = all ] || [ "$ONLY" = ui ]; then
  VSIX=$RUN/dramaturge.vsix
  if package_vsix "$VSIX" && start_server ui "$VSIX"; then
    if want_ui ui; then
      ts "UI test"
      mkdir -p "$ROOT/test-results"
      CS_BASE=http://127.0.0.1:$PORT WS_FOLDER=$SERVER_DIR/ws SHOT=$ROOT/test-results/ui-editor.png \
        node test/e2e/ui.js 2>&1 | tee "$RUN/ui.out" || true
      count ui "$RUN/ui.out"
    fi
    if want_ui ui-generation; then
      ts "UI generation test"
      CS_BASE=http://127.0.0.1:$PORT WS_FOLDER=$SERVER_DIR/ws SETTINGS=$SERVER_DIR/ud/User/settings.json \
        SHOT_DIR=$ROOT/test-results node test/e2e/ui-generation.js 2>&1 | tee "$RUN/ui-generation.out" || true
      count ui-generation "$RUN/ui-generation.out"
    fi
    if want_ui ui-outline; then
      ts "UI test: outline tree and ghost text"
      CS_BASE=http://127.0.0.1:$PORT WS_FOLDER=$SERVER_DIR/ws USER_SETTINGS=$SERVER_DIR/ud/User/settings.json \
        SHOT_DIR=$ROOT/test-results node test/e2e/ui-outline.js 2>&1 | tee "$RUN/ui-outline.out" || true
      count ui-outline "$RUN/ui-outline.out"
    fi
    if want_ui ui-preview; then
      ts "UI test: paged preview"
      CS_BASE=http://127.0.0.1:$PORT WS_FOLDER=$SERVER_DIR/ws SHOT_DIR=$ROOT/test-results \
        node test/e2e/ui-preview.js 2>&1 | tee "$RUN/ui-preview.out" || true
      count ui-preview "$RUN/ui-preview.out"
    fi
    if want_ui ui-setup; then
      ts "UI test: walkthrough, endpoint URL, answer warning"
      CS_BASE=http://127.0.0.1:$PORT WS_FOLDER=$SERVER_DIR/ws USER_SETTINGS=$SERVER_DIR/ud/User/settings.json \
        SHOT_DIR=$ROOT/test-results node test/e2e/ui-setup.js 2>&1 | tee "$RUN/ui-setup.out" || true
      count ui-setup "$RUN/ui-setup.out"
    fi
    if want_ui ui-authorship; then
      ts "UI test: authorship underlines, tree share and report"
      CS_BASE=http://127.0.0.1:$PORT WS_FOLDER=$SERVER_DIR/ws \
        SHOT_DIR=$ROOT/test-results node test/e2e/ui-authorship.js 2>&1 | tee "$RUN/ui-authorship.out" || true
      count ui-authorship "$RUN/ui-authorship.out"
    fi
  else
    FAILED=$((FAILED + 1))
  fi
  stop_server
fi

if [ "$ONLY" = all ] || [ "$ONLY" = untrusted ]; then
  # The user settings (written before the server starts, so they are there when the window opens) point the
  # model at a fake server that the suite itself starts, in the extension host, on this port.
  FAKE_PORT=$(free_port)
  mkdir -p "$RUN/untrusted/ud/User"
  sed "s/__FAKE_PORT__/$FAKE_PORT/" "$ROOT/test/e2e/untrusted-settings.json" > "$RUN/untrusted/ud/User/settings.json"
  if WS_FIXTURE=untrusted-ws WORKSPACE_TRUST=1 start_server untrusted; then
    ts "untrusted-workspace tests"
    CS_BASE=http://127.0.0.1:$PORT WS_FOLDER=$SERVER_DIR/ws EXT_DEV_PATH=$ROOT \
      EXT_TESTS_PATH=$ROOT/out/test/suite-untrusted/index DRAMATURGE_UNTRUSTED_FAKE_PORT=$FAKE_PORT \
      node test/e2e/ext-tests.js 2>&1 | tee "$RUN/untrusted-host.out" || true
    # ext-tests.js labels its count `ext-host:`; relabel it so this part is reported and counted on its own.
    { grep -E '^ext-host: [0-9]+ passed, [0-9]+ failed' "$RUN/untrusted-host.out" | tail -1 | sed 's/^ext-host:/untrusted:/'; } \
      | tee "$RUN/untrusted.out" || true
    count untrusted "$RUN/untrusted.out"
  else
    FAILED=$((FAILED + 1))
  fi
  stop_server
fi

FAILED_TOTAL=$FAILED
if [ "$FAILED" != 0 ]; then
  for log in "$RUN"/*/server.log; do [ -f "$log" ] && { echo "--- tail of $log"; tail -20 "$log"; }; done
fi
ts "done"
echo "e2e: $PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
