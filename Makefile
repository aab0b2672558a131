# bulletin — build, run and test.
#   make run    install what is missing, build, render the bundled sample issue
#   make test   install what is missing, run the whole test suite
#   make bench  render the sample issue repeatedly (release build) and report medians

DEBIAN_PACKAGES := pkg-config libcairo2-dev libpango1.0-dev libfontconfig-dev libcmark-dev \
	libhyphen-dev hyphen-en-us hyphen-de poppler-utils qpdf \
	fonts-liberation fonts-dejavu-core fonts-dejavu-extra fonts-noto-cjk

SWIFT ?= swift
SAMPLE ?= examples/sample

.PHONY: setup build release run test bench clean

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

release: setup
	$(SWIFT) build -c release

run: release
	$$($(SWIFT) build -c release --show-bin-path)/bulletin make $(SAMPLE)

test: setup
	$(SWIFT) build
	$(SWIFT) test --disable-swift-testing

bench: release
	./scripts/bench.sh $(SAMPLE)

clean:
	rm -rf .build out
