# Backoffice — the two commands: `make run` and `make test`.
GO      ?= go
BIN     := bin/backoffice
export PATH := /usr/local/go/bin:$(PATH)

.PHONY: run build test vet bench load load-small fmt clean

build:
	$(GO) build -o $(BIN) ./cmd/backoffice

## run: build and serve the UI at http://127.0.0.1:8080 on a private PostgreSQL with demo data
run: build
	./$(BIN) serve --migrate --demo

## test: every test (unit, PostgreSQL, HTTP, browser); each test binary starts a throwaway cluster
test: vet
	$(GO) test -p 2 -count=1 -timeout 25m ./...

vet:
	$(GO) vet ./...

## bench: the benchmarks (calendar, SLA clock, overtime, lists)
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

## load: seed a throwaway cluster to the issue-14 volumes and load every endpoint (about 20 minutes)
load: build
	./$(BIN) loadtest $(LOADFLAGS)

## load-small: the same at small volumes, 3 s per endpoint (about 2 minutes)
load-small: build
	./$(BIN) loadtest -small $(LOADFLAGS)

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin
