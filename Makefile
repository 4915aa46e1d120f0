# fellowship: the two everyday commands are `make demo` and `make test`.
SWIFT ?= swift
SAMPLE_MEETING := Data/meetings/sg20-2020-07.json
SAMPLE_APPLICATIONS := Data/samples/sg20-2020-07/applications.csv
POLICY := Data/policies/default.json
OUT ?= out

.PHONY: demo test build release deps letters-deps browser-deps browser-test format format-check clean

# Installs GLPK's and SQLite's headers and libraries when missing (Debian/Ubuntu).
deps:
	@missing=""; \
	[ -f /usr/include/glpk.h ] || missing="$$missing libglpk-dev"; \
	[ -f /usr/include/sqlite3.h ] || missing="$$missing libsqlite3-dev"; \
	python3 -c "import venv, ensurepip" 2>/dev/null || missing="$$missing python3-venv"; \
	command -v curl > /dev/null || missing="$$missing curl"; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# The browser suite's packages (Debian/Ubuntu), installed when missing: chromium and its
# WebDriver, the Noto fonts (Latin, Arabic, CJK text must render) and Python's venv.
BROWSER_PACKAGES := chromium chromium-driver fonts-noto-core fonts-noto-cjk python3-venv
browser-deps:
	@missing=""; \
	for package in $(BROWSER_PACKAGES); do \
		dpkg -s $$package > /dev/null 2>&1 || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Decides the bundled SG20 sample and writes out/decisions.json.
demo: release
	@mkdir -p $(OUT)
	$$($(SWIFT) build -c release --show-bin-path)/fellowship allocate \
		--meeting $(SAMPLE_MEETING) --applications $(SAMPLE_APPLICATIONS) \
		--policy $(POLICY) --out $(OUT)/decisions.json
	@echo "decisions written to $(OUT)/decisions.json"

# What the letters check needs (Tests/Letters/README.md): chromium and its driver, fonts
# covering Arabic, Cyrillic and CJK, and Python's venv; installed when missing (Debian/Ubuntu).
letters-deps:
	@missing=""; \
	command -v chromium > /dev/null || missing="$$missing chromium"; \
	command -v chromedriver > /dev/null || missing="$$missing chromium-driver"; \
	fc-list : family 2> /dev/null | grep "Noto Sans Arabic" > /dev/null || missing="$$missing fonts-noto-core"; \
	fc-list : family 2> /dev/null | grep "Noto Sans CJK SC" > /dev/null || missing="$$missing fonts-noto-cjk"; \
	python3 -c "import ensurepip, venv" 2> /dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# Every test: the format check, the Swift suites, the real-browser suite
# (Tests/Browser/run.sh) and the letters check (Tests/Letters/check-letters.sh).
test: deps browser-deps letters-deps format-check
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	Tests/Browser/run.sh
	Tests/Letters/check-letters.sh
	Tests/Contract/schemathesis.sh

# The browser suite alone, on the current debug build.
browser-test: browser-deps
	$(SWIFT) build
	Tests/Browser/run.sh

# The layout of every Swift file, as .swift-format describes it (swift-format ships with
# the toolchain). `make format` rewrites the files; `make format-check` only reports, with
# file, line and column, and fails on any difference.
SWIFT_FILES := Sources Tests Benchmarks Package.swift
format:
	$(SWIFT) format format --in-place --recursive --parallel $(SWIFT_FILES)

format-check:
	$(SWIFT) format lint --strict --recursive --parallel $(SWIFT_FILES)

clean:
	rm -rf .build $(OUT) test-artefacts
