# fellowship: the two everyday commands are `make demo` and `make test`.
SWIFT ?= swift
SAMPLE_MEETING := Data/meetings/sg20-2020-07.json
SAMPLE_APPLICATIONS := Data/samples/sg20-2020-07/applications.csv
POLICY := Data/policies/default.json
OUT ?= out

.PHONY: demo test build release deps letters-deps clean

# Installs GLPK's and SQLite's headers and libraries when missing (Debian/Ubuntu).
deps:
	@missing=""; \
	[ -f /usr/include/glpk.h ] || missing="$$missing libglpk-dev"; \
	[ -f /usr/include/sqlite3.h ] || missing="$$missing libsqlite3-dev"; \
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

test: deps letters-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	Tests/Letters/check-letters.sh

clean:
	rm -rf .build $(OUT) test-artefacts
