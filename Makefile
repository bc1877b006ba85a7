# The two commands a new user needs: `make run` and `make test`.
.PHONY: run test build setup web bench debug test-debug clean format fuzz docs

PRESET ?= release
BUILD_DIR = build
JOBS ?= $(shell nproc)

setup:
	@scripts/setup

build: setup web
	@cmake --preset $(PRESET) >/dev/null
	@cmake --build --preset $(PRESET) -j $(JOBS)

# The browser app, served by the binary from web/dist (scripts/setup has run npm ci).
web: setup
	@cd web && npm run --silent build

run: build
	@mkdir -p var
	$(BUILD_DIR)/jumys serve --listen 127.0.0.1:8080 --db sqlite:var/jumys.db --demo

test: build
	@scripts/test-all

bench: build
	@scripts/bench

debug: setup
	@cmake --preset debug >/dev/null
	@cmake --build --preset debug -j $(JOBS)

# Unit tests under AddressSanitizer and UndefinedBehaviorSanitizer.
test-debug: debug
	@ctest --preset debug -L unit -j $(JOBS)

# The libFuzzer targets (fuzz/), ten minutes each; `make test` runs them for seconds.
fuzz: setup
	@FUZZ_SECONDS=$${FUZZ_SECONDS:-600} scripts/fuzz

# docs/PROCESSES.md, generated from the definitions, the hooks and the tests (make test checks it).
docs: setup
	@cmake --preset $(PRESET) >/dev/null
	@cmake --build --preset $(PRESET) -j $(JOBS) --target jumys
	@$(BUILD_DIR)/jumys regulations-index --root . > docs/PROCESSES.md.new
	@mv docs/PROCESSES.md.new docs/PROCESSES.md

format:
	@clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.h' 'bench/*.cpp' 'bench/*.h' 'fuzz/*.cpp')

clean:
	rm -rf build build-debug web/dist
