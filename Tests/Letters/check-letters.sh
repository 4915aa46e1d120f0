#!/usr/bin/env bash
# Renders every decision letter of the fixture, in every language and for every outcome,
# in headless chromium and checks it (Tests/Letters/README.md). Run by `make test`.
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN="${FELLOWSHIP_BIN:-$(swift build --show-bin-path)/fellowship}"
WORK=.build/letters-check
ARTEFACTS=test-artefacts/letters
VENV=.build/letters-venv
rm -rf "$WORK" "$ARTEFACTS"
mkdir -p "$WORK" "$ARTEFACTS"

FAMILIES=$(fc-list : family)
for font in "Noto Sans Arabic" "Noto Sans CJK SC" "Noto Sans"; do
    if ! grep -qx "$font\(,.*\)\?" <<< "$FAMILIES"; then
        echo "letters: the font \"$font\" is missing (fonts-noto-core, fonts-noto-cjk)" >&2
        exit 1
    fi
done

DB="$WORK/letters.sqlite"
"$BIN" allocate --meeting Data/meetings/sg20-2020-07.json --applications Tests/Letters/fixture/applications.csv \
    --policy Tests/Letters/fixture/policy.json --countries Data/countries.csv --db "$DB" --format json --out "$WORK/decisions.json" > /dev/null
RUN=$(sed -n 's/.*"run_id": "\([^"]*\)".*/\1/p' "$WORK/decisions.json" | head -1)
AWARDED=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([x["applicant"] for x in d["decisions"] if x["outcome"]=="awarded"][0])' "$WORK/decisions.json")
"$BIN" decline --run "$RUN" --applicant "$AWARDED" --db "$DB" --out "$WORK/follow-up.json" > /dev/null
FOLLOW=$(sed -n 's/.*"run_id": "\([^"]*\)".*/\1/p' "$WORK/follow-up.json" | head -1)

for run in "$RUN" "$FOLLOW"; do
    for lang in ar en es fr ru zh; do
        "$BIN" letters --run "$run" --db "$DB" --lang "$lang" --out "$WORK/letters/${run:0:8}/$lang" 2> /dev/null
    done
    "$BIN" letters --run "$run" --db "$DB" --out "$WORK/letters/${run:0:8}/own" 2> /dev/null
done

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "selenium==4.27.1"
fi
"$VENV/bin/python" Tests/Letters/check_letters.py "$WORK/letters" "$ARTEFACTS"
