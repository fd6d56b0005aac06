#!/usr/bin/env bash
# Sets up reportgen on a Debian/Ubuntu machine: LibreOffice, the CJK fonts and poppler (for the
# PDF, the table of contents and the page pictures), then a virtual environment in .venv with
# reportgen and its test tools (Chromium and its driver: the tests drive the web page with them).
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libreoffice-writer-nogui libreoffice-calc-nogui python3-uno fonts-noto-cjk fonts-noto-cjk-extra
          fonts-arphic-ukai fonts-liberation poppler-utils chromium chromium-driver)
if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "安装系统软件包：${missing[*]}"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "提示：本机没有 apt-get，请自行安装 LibreOffice、中文字体和 poppler（见 README）。" >&2
fi

python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
# -- an editable install leaves reportgen's own modules uncompiled, and with
# -- PYTHONDONTWRITEBYTECODE set they would be compiled from source on every run (about 0.1 s
# -- a command): compile them once, as a normal install does (a stale .pyc is ignored) --
.venv/bin/python -m compileall -q src
echo "环境已就绪：.venv"
