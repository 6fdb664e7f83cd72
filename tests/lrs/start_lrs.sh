#!/usr/bin/env bash
# A real xAPI Learning Record Store (Ralph, of France Université Numérique) on loopback,
# for the tests that push xAPI statements. Ralph lives in its own virtualenv, .venv-lrs,
# so that none of its dependencies (FastAPI, pydantic, uvicorn...) enter the app's .venv.
#
# Usage:
#   tests/lrs/start_lrs.sh --install      create .venv-lrs if missing, then exit
#   LRS_USERNAME=u LRS_PASSWORD=p tests/lrs/start_lrs.sh PORT DIR
#       serve on 127.0.0.1:PORT, statements in DIR/fs_lrs.jsonl (file-system backend);
#       DIR also gets auth.json (bcrypt hash of the one Basic-auth user) and history.json.
#       The script ends by exec'ing the server, so its pid is the server's: SIGTERM stops it.
#
# The server is tests/lrs/server.py (uvicorn serving ralph.api:app, its file-system backend
# made to append: see there) rather than `ralph runserver -b fs`, which sets the same
# RALPH_* variables but cannot store a second statement, and always runs with reload=True
# (a file watcher supervising a worker process: slower to start, a second process to stop).
set -euo pipefail

# Ralph 5.1.0's OIDC module imports requests, which none of the cli/lrs extras declares.
RALPH_REQUIREMENTS=('ralph-malph[cli,lrs]==5.1.0' 'requests==2.34.2')
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VENV="$ROOT/.venv-lrs"
# The marker names the requirements, so changing a pin reinstalls.
MARKER="$VENV/.installed-$(printf '%s' "${RALPH_REQUIREMENTS[*]}" | tr -c 'A-Za-z0-9.=-' '_')"

install() {
  if [ -f "$MARKER" ]; then
    return
  fi
  echo "creating $VENV with ${RALPH_REQUIREMENTS[*]}..." >&2
  "${PYTHON:-python3}" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "${RALPH_REQUIREMENTS[@]}"
  rm -f "$VENV"/.installed-*
  touch "$MARKER"
}

if [ "${1:-}" = "--install" ]; then
  install
  exit 0
fi
if [ $# -ne 2 ]; then
  echo "usage: $0 --install | $0 PORT DIR   (with LRS_USERNAME and LRS_PASSWORD set)" >&2
  exit 2
fi
PORT=$1
DIR=$(mkdir -p "$2" && cd "$2" && pwd)
: "${LRS_USERNAME:?set LRS_USERNAME}" "${LRS_PASSWORD:?set LRS_PASSWORD}"
install

# Everything Ralph reads or writes stays in DIR: not ~/.config/ralph (its APP_DIR, where
# the auth and history files go by default), nor a stray .env in the working directory.
export RALPH_APP_DIR="$DIR"
export RALPH_AUTH_FILE="$DIR/auth.json"
export RALPH_HISTORY_FILE="$DIR/history.json"
export RALPH_RUNSERVER_BACKEND=fs
export RALPH_RUNSERVER_AUTH_BACKENDS=basic
export RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH="$DIR"
cd "$DIR"

rm -f "$RALPH_AUTH_FILE"
# Scope "all" lets the user write and read every statement; the agent is the authority
# Ralph stamps on the statements it stores.
"$VENV/bin/ralph" --verbosity WARNING auth --write-to-disk \
  --username "$LRS_USERNAME" --password "$LRS_PASSWORD" --scope all \
  --agent-ifi-mbox "mailto:${LRS_USERNAME}@example.org" --agent-name "$LRS_USERNAME" >/dev/null

# -I: neither the script's folder nor PYTHON* variables on the import path.
exec "$VENV/bin/python" -I "$ROOT/tests/lrs/server.py" "$PORT"
