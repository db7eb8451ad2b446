# The README's commands. Each installs what is missing first (see scripts/install-deps.sh).
.PHONY: demo test bench build release deps clean

deps:
	@bash scripts/install-deps.sh

build: deps
	swift build

# The CLI as shipped: optimized, with the Swift runtime linked in (it starts faster).
release: deps
	swift build -c release --static-swift-stdlib --product bifrost

demo: build
	@bash scripts/demo.sh

test: deps
	swift build --build-tests
	swift test --skip-build

# Benchmarks (see Benchmarks/README.md): release build, exits non-zero when a target is missed.
bench: release
	swift build -c release --product bifrost-bench
	.build/release/bifrost-bench all

clean:
	rm -rf .build authly.sqlite
