# bulletin — build, run and test.
#   make run    install what is missing, build, render the bundled sample issue (-> examples/sample/out/)
#   make test   install what is missing, run the whole test suite
#   make install PREFIX=/usr/local   the release binary to PREFIX/bin, its layouts, fonts and sample to
#               PREFIX/share/bulletin (DESTDIR for staging); make uninstall removes them
#   make deb    a Debian package of the same, in out/ (dpkg-deb)
#   make bench  time the sample and generated 50/100/200-page issues against plain Pango+Cairo (release build)
#   make fuzz   mutate the sample issue and run it through a release build (FUZZ_SECONDS=1800 make fuzz)
#   make fuzz-loaders  libFuzzer over issue.yaml, story and layout loading (Fuzz/)
#   make fuzz-asan     the sample and FUZZ_RUNS mutated issues through an AddressSanitizer build

DEBIAN_PACKAGES := pkg-config libcairo2-dev libpango1.0-dev libfontconfig-dev libcmark-gfm-dev libcmark-gfm-extensions-dev \
	libhyphen-dev hyphen-en-us hyphen-en-gb hyphen-de hyphen-fr hyphen-es hyphen-it hyphen-pt-pt hyphen-pt-br hyphen-nl \
	hyphen-da hyphen-sv hyphen-no hyphen-is hyphen-pl hyphen-cs hyphen-sk hyphen-hu hyphen-ro hyphen-hr hyphen-sl hyphen-sr \
	hyphen-lt hyphen-lv hyphen-el hyphen-ru hyphen-uk hyphen-be hyphen-bg hyphen-ca hyphen-gl hyphen-id hyphen-af \
	libgdk-pixbuf-2.0-dev libjpeg-dev librsvg2-dev libharfbuzz-dev libqpdf-dev zlib1g-dev libdeflate-dev libjemalloc-dev poppler-utils qpdf python3 \
	fonts-liberation fonts-dejavu-core fonts-dejavu-extra fonts-freefont-ttf fonts-noto-cjk fonts-symbola

SWIFT ?= swift
SAMPLE ?= examples/sample

PREFIX ?= /usr/local
DESTDIR ?=
# The binary to install: the release build unless told (the tests install a debug build).
BULLETIN_BIN ?=
VERSION := $(shell sed -n 's/.*static let version = "\(.*\)".*/\1/p' Sources/BulletinKit/Bulletin.swift)

.PHONY: setup build release run test bench bench-typst clean fuzz fuzz-loaders fuzz-asan install uninstall deb

setup:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build: setup
	$(SWIFT) build

# The release binary carries the Swift runtime and Foundation: it starts about 11 ms sooner (fewer
# libraries to link at start-up), and the .deb runs where no Swift toolchain is installed.
RELEASE_FLAGS ?= --static-swift-stdlib

release: setup
	$(SWIFT) build -c release $(RELEASE_FLAGS)

run: release
	$$($(SWIFT) build -c release --show-bin-path)/bulletin make $(SAMPLE)

# What an installed bulletin reads: PREFIX/bin/bulletin finds PREFIX/share/bulletin/{layouts,fonts}
# and the sample (bulletin make --sample) by its own location, wherever PREFIX is.
# Builds the release binary first only if there is none, so that `sudo make install` after
# `make release` builds nothing as root.
install:
	@bin="$(BULLETIN_BIN)"; \
	if [ -z "$$bin" ]; then \
		bin="$$($(SWIFT) build -c release --show-bin-path)/bulletin"; \
		[ -x "$$bin" ] || $(MAKE) release; \
	fi; \
	share="$(DESTDIR)$(PREFIX)/share/bulletin"; \
	set -e; \
	install -d "$(DESTDIR)$(PREFIX)/bin" "$$share/layouts" "$$share/fonts" "$$share/examples"; \
	install -m 755 "$$bin" "$(DESTDIR)$(PREFIX)/bin/bulletin"; \
	install -m 644 layouts/*.yaml layouts/README.md "$$share/layouts/"; \
	for f in fonts/*; do [ -f "$$f" ] && install -m 644 "$$f" "$$share/fonts/" || true; done; \
	rm -rf "$$share/examples/sample" && cp -R examples/sample "$$share/examples/sample" && rm -rf "$$share/examples/sample/out"; \
	chmod -R u=rwX,go=rX "$$share"; \
	echo "installed $(DESTDIR)$(PREFIX)/bin/bulletin and $$share"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/bulletin"
	rm -rf "$(DESTDIR)$(PREFIX)/share/bulletin"

# A .deb of the release build for machines like this one (same Debian, same Swift runtime:
# the binary links the Swift libraries dynamically, so the package depends on them being at
# the path this toolchain has).
deb:
	rm -rf out/deb && mkdir -p out/deb/DEBIAN
	$(MAKE) install PREFIX=/usr DESTDIR=$(CURDIR)/out/deb BULLETIN_BIN="$(BULLETIN_BIN)"
	printf 'Package: bulletin\nVersion: %s\nArchitecture: %s\nMaintainer: bulletin <bulletin@example.org>\nDepends: libcairo2, libpango-1.0-0, libpangocairo-1.0-0, libfontconfig1, libjpeg62-turbo, libcmark-gfm0.29.0.gfm.6 | libcmark-gfm0, libcmark-gfm-extensions0.29.0.gfm.6 | libcmark-gfm-extensions0, libhyphen0, hyphen-en-us, hyphen-de, libgdk-pixbuf-2.0-0, librsvg2-2, libharfbuzz-subset0, libqpdf29 | libqpdf28, libjemalloc2, libdeflate0, fonts-liberation, fonts-dejavu-core, fonts-freefont-ttf, fonts-noto-cjk, fonts-symbola\nDescription: typesets a folder of stories into a multi-column newsletter PDF\n' \
		"$(VERSION)" "$$(dpkg --print-architecture)" > out/deb/DEBIAN/control
	dpkg-deb --root-owner-group --build out/deb out/bulletin_$(VERSION)_$$(dpkg --print-architecture).deb

test: setup
	$(SWIFT) build
	$(SWIFT) test --disable-swift-testing

bench: release
	./scripts/bench.sh $(SAMPLE)

# Typst against bulletin on the same issues (needs `pip install typst pyyaml`); BENCH_TYPST_ARGS
# for more, e.g. "examples/research-digest --stress 50 --runs 21".
BENCH_TYPST_ARGS ?=
bench-typst: release
	$(PYTHON) scripts/bench-typst.py $(SAMPLE) $(BENCH_TYPST_ARGS)

clean:
	rm -rf .build out

# Fuzzing. FUZZ_SECONDS: how long; FUZZ_SEED: which inputs (the same seed, the same inputs);
# FUZZ_RUNS: how many issues fuzz-asan makes; FUZZ_ARGS: more options for scripts/fuzz.py.
FUZZ_SECONDS ?= 300
FUZZ_SEED ?= 1
FUZZ_RUNS ?= 300
FUZZ_ARGS ?=
PYTHON ?= python3
# Python 3 with PyYAML, fontconfig's fc-list: from Debian if missing, else PyPI.
FUZZ_TOOLS = if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	command -v $(PYTHON) >/dev/null && command -v fc-list >/dev/null || { $$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends python3 fontconfig; }; \
	$(PYTHON) -c 'import yaml' 2>/dev/null || { DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends python3-yaml; \
		$(PYTHON) -c 'import yaml' 2>/dev/null || $(PYTHON) -m pip install --quiet pyyaml; }

fuzz: release
	@$(FUZZ_TOOLS)
	$(PYTHON) scripts/fuzz.py --self-test --bulletin "$$($(SWIFT) build -c release --show-bin-path)/bulletin"
	$(PYTHON) scripts/fuzz.py --seconds $(FUZZ_SECONDS) --seed $(FUZZ_SEED) --out out/fuzz \
		--bulletin "$$($(SWIFT) build -c release --show-bin-path)/bulletin" $(FUZZ_ARGS)

fuzz-asan: setup
	@$(FUZZ_TOOLS)
	BULLETIN_SYSTEM_MALLOC=1 $(SWIFT) build -c release --scratch-path .build-asan -Xswiftc -sanitize=address
	@bin="$$(BULLETIN_SYSTEM_MALLOC=1 $(SWIFT) build -c release --scratch-path .build-asan --show-bin-path)/bulletin"; status=0; \
	rm -rf out/fuzz-asan/sample && mkdir -p out/fuzz-asan/sample; \
	echo "The sample, with an empty cache folder:"; \
	if XDG_CACHE_HOME=out/fuzz-asan/sample/cache ASAN_OPTIONS=detect_leaks=0 "$$bin" make $(SAMPLE) -o out/fuzz-asan/sample/sample.pdf \
		2> out/fuzz-asan/sample/stderr.txt; then echo "  made, no report"; \
	else status=1; echo "  FAILED: out/fuzz-asan/sample/stderr.txt"; grep -m1 -A3 "ERROR: AddressSanitizer" out/fuzz-asan/sample/stderr.txt; fi; \
	echo "$(FUZZ_RUNS) mutated issues (reports in Fuzz/asan.supp set aside):"; \
	ASAN_OPTIONS=detect_leaks=0:suppressions=$(CURDIR)/Fuzz/asan.supp $(PYTHON) scripts/fuzz.py --asan --runs $(FUZZ_RUNS) \
		--seconds 86400 --timeout 120 --seed $(FUZZ_SEED) --out out/fuzz-asan --bulletin "$$bin" $(FUZZ_ARGS) || status=1; \
	exit $$status

fuzz-loaders: setup
	@$(FUZZ_TOOLS)
	BULLETIN_SYSTEM_MALLOC=1 $(SWIFT) build -c release --package-path Fuzz -Xswiftc -sanitize=fuzzer,address
	$(PYTHON) scripts/fuzz.py --loader-seeds out/fuzz-loaders/seeds
	mkdir -p out/fuzz-loaders/corpus out/fuzz-loaders/crashes
	ASAN_OPTIONS=detect_leaks=0 "$$(BULLETIN_SYSTEM_MALLOC=1 $(SWIFT) build -c release --package-path Fuzz --show-bin-path)/fuzz-loaders" \
		-max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=4096 -detect_leaks=0 -print_final_stats=1 \
		-dict=Fuzz/loaders.dict -artifact_prefix=out/fuzz-loaders/crashes/ \
		out/fuzz-loaders/corpus out/fuzz-loaders/seeds
