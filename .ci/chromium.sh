#!/usr/bin/env bash
# Prints the path of a Chromium that runs headless, for the demo page's end-to-end test
# (examples' DemoPageTest) and docs/demo.png. When none is on the PATH it installs Debian's
# `chromium` package with apt-get, but only where it may: as root, with apt-get, and unless
# METAREC4J_NO_INSTALL is set. Otherwise it says why on stderr and exits 1, and the test is
# skipped with that message: `mvn test` never asks for a password or fails for want of a browser.
set -uo pipefail

find_chromium() {
  local name
  for name in chromium chromium-browser google-chrome-stable google-chrome; do
    if command -v "$name" >/dev/null 2>&1; then
      command -v "$name"
      return 0
    fi
  done
  return 1
}

if find_chromium; then
  exit 0
fi
if [ -n "${METAREC4J_NO_INSTALL:-}" ]; then
  echo "no chromium on the PATH, and METAREC4J_NO_INSTALL is set: not installing it" >&2
  exit 1
fi
if [ "$(id -u)" != 0 ]; then
  echo "no chromium on the PATH, and not root: install it with 'sudo apt-get install -y chromium'" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "no chromium on the PATH and no apt-get to install it with: install Chromium and put it on the PATH" >&2
  exit 1
fi
echo "no chromium on the PATH: installing Debian's chromium package (apt-get install -y chromium)" >&2
export DEBIAN_FRONTEND=noninteractive
install() {
  apt-get -o DPkg::Lock::Timeout=120 install -y chromium >&2
}
if ! install; then
  echo "apt-get install failed; updating the package lists and trying once more" >&2
  if ! { apt-get -o DPkg::Lock::Timeout=120 update >&2 && install; }; then
    echo "could not install chromium with apt-get (see above)" >&2
    exit 1
  fi
fi
find_chromium || { echo "chromium was installed but is not on the PATH" >&2; exit 1; }
