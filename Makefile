# Dossier make targets. `make check` is what CI runs (.ci/run).
GO        ?= go
DATA      ?= ../shared/data
BIN       := bin/dossier
FUZZTIME  ?= 30s

.PHONY: all build fmt vet lint fix tidy test race short bench fuzz eval throughput example check clean

all: build

build:
	CGO_ENABLED=0 $(GO) build -o $(BIN) ./cmd/dossier

fmt:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

lint:
	$(GO) tool staticcheck ./...

fix:
	@out=$$($(GO) fix -diff ./... 2>&1); if [ -n "$$out" ]; then echo "go fix would change:"; echo "$$out"; exit 1; fi

tidy:
	@cp go.mod /tmp/dossier-go.mod.bak && cp go.sum /tmp/dossier-go.sum.bak; \
	$(GO) mod tidy; \
	if ! git diff --quiet -- go.mod go.sum; then echo "go mod tidy changed go.mod/go.sum:"; git --no-pager diff -- go.mod go.sum; \
	  cp /tmp/dossier-go.mod.bak go.mod; cp /tmp/dossier-go.sum.bak go.sum; exit 1; fi

# test: the whole suite with the race detector, in random order. Tests that
# need ../shared skip with a message when it is absent.
test:
	$(GO) test -race -shuffle=on ./...

# short: skips the slow data-set scorings (minutes each under -race); their
# floors are checked by `make eval`, which runs them once without -race. This
# is what `make check` (CI) runs.
short:
	$(GO) test -race -shuffle=on -short ./...

bench:
	$(GO) test -run='^$$' -bench=. -benchtime=1x ./...

fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "fuzz $$pkg $$f"; $(GO) test -run='^$$' -fuzz="^$$f$$" -fuzztime=$(FUZZTIME) $$pkg || exit 1; \
	  done; done

# eval: scores on ../shared/data, failing below the CI floors.
eval: build
	@if [ -d $(DATA) ]; then ./$(BIN) eval all --data $(DATA) --check; else echo "eval: $(DATA) absent, skipped"; fi

# throughput: ingest of BBC (2,225 articles) and of 100,000 edited copies.
throughput: build
	bash scripts/throughput.sh $(DATA)/bbc

# example: the main job on the example corpus shipped in the repository.
example: build
	rm -f /tmp/dossier-example.db*
	./$(BIN) ingest --db /tmp/dossier-example.db examples/corpus
	./$(BIN) search --db /tmp/dossier-example.db spill

check: fmt vet lint fix tidy short bench eval

clean:
	rm -rf bin
