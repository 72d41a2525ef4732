#!/usr/bin/env bash
# Tell a new user exactly what is missing before anything is installed.
set -u
missing=0
py=""
for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
  [[ -n $candidate ]] || continue
  if command -v "$candidate" >/dev/null 2>&1 &&
     "$candidate" -c 'import sys, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    py=$(command -v "$candidate"); break
  fi
done
if [[ -z $py ]]; then
  echo "Python 3.11 or newer (with venv) is needed and was not found." >&2
  echo "  Debian/Ubuntu: apt-get install python3 python3-venv   ·   other systems: https://www.python.org/downloads/" >&2
  missing=1
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "Node.js 18 or newer with npm is needed and was not found." >&2
  echo "  Debian/Ubuntu: apt-get install nodejs npm   ·   other systems: https://nodejs.org/" >&2
  missing=1
elif ! node -e 'process.exit(parseInt(process.versions.node, 10) < 18 ? 1 : 0)'; then
  echo "Node.js 18 or newer is needed; found $(node --version)." >&2
  missing=1
fi
if ! command -v ffmpeg >/dev/null 2>&1 || ! command -v ffprobe >/dev/null 2>&1; then
  # Without it uploads cannot be processed and the demo lessons become reading lessons.
  echo "ffmpeg (with ffprobe) is needed to process video and audio and was not found." >&2
  echo "  Debian/Ubuntu: apt-get install ffmpeg   ·   macOS: brew install ffmpeg   ·   other systems: https://ffmpeg.org/download.html" >&2
  missing=1
fi
((missing)) && exit 1
echo "$py"
