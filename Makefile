# fellowship: the two everyday commands are `make demo` and `make test`.
SWIFT ?= swift
SAMPLE_MEETING := Data/meetings/sg20-2020-07.json
SAMPLE_APPLICATIONS := Data/samples/sg20-2020-07/applications.csv
POLICY := Data/policies/default.json
OUT ?= out

.PHONY: demo test build release deps clean

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

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	Tests/Contract/schemathesis.sh

clean:
	rm -rf .build $(OUT)
