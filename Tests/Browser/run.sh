#!/usr/bin/env bash
# The real-browser suite (docs/service.md, "The browser suite"): drives Debian's chromium
# through chromedriver with Python selenium over a `fellowship serve` it starts on a free
# loopback port, and walks the secretariat's whole job, a reviewer's and an applicant's.
#
# It makes its own virtual environment under .build/browser-venv (selenium, and axe-core from
# the axe-playwright-python package, installed without its dependencies: only its axe.min.js
# is used). Screenshots of every page go to .build/browser-screenshots/ (gitignored).
#
# Needs: chromium, chromium-driver, fonts-noto-core, fonts-noto-cjk, python3-venv
# (`make browser-deps` installs the missing ones) and a built `fellowship` (debug unless
# FELLOWSHIP_BIN names another binary).
set -euo pipefail
cd "$(dirname "$0")/../.."

SELENIUM_VERSION=4.51.0
AXE_PACKAGE_VERSION=0.1.8
VENV=.build/browser-venv

for tool in chromium chromedriver python3; do
    command -v "$tool" > /dev/null || { echo "browser suite: $tool is missing (make browser-deps installs it)" >&2; exit 1; }
done

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import selenium, axe_playwright_python" 2> /dev/null; then
    echo "browser suite: preparing $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "selenium==$SELENIUM_VERSION"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps "axe-playwright-python==$AXE_PACKAGE_VERSION"
fi

BIN=${FELLOWSHIP_BIN:-$(swift build --show-bin-path)/fellowship}
[ -x "$BIN" ] || { echo "browser suite: $BIN is not built (swift build)" >&2; exit 1; }

exec "$VENV/bin/python" Tests/Browser/browser_suite.py --bin "$BIN" --screenshots .build/browser-screenshots "$@"
