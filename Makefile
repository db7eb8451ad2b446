# The README's commands. Each installs what is missing first (see scripts/install-deps.sh).
.PHONY: demo test build deps clean

deps:
	@bash scripts/install-deps.sh

build: deps
	swift build

demo: build
	@bash scripts/demo.sh

test: deps
	swift build --build-tests
	swift test --skip-build

clean:
	rm -rf .build authly.sqlite
