# Sinergi: the two commands of the README are `make run` and `make test`.
GO ?= go
PKGS := ./...

.PHONY: run test lint bench fuzz build

## run: serve Sinergi on SQLite with demo content at http://localhost:8080
run:
	$(GO) run ./cmd/sinergi serve --demo

## test: formatting, vet and every test (PostgreSQL and Chromium tests skip
## with a message when those are missing, and fail under CI=true)
test: lint
	$(GO) test -count=1 -v -timeout 20m $(PKGS)

## lint: gofmt and go vet must print nothing
lint:
	@out="$$(gofmt -l .)"; if [ -n "$$out" ]; then echo "gofmt -l:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

## bench: the benchmarks recorded in docs/benchmarks.md
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 1 $(PKGS)

## fuzz: a short run of each fuzz target
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzSearch -fuzztime 200000x ./region
	$(GO) test -run '^$$' -fuzz FuzzParseCode -fuzztime 200000x ./region
	$(GO) test -run '^$$' -fuzz FuzzParsePath -fuzztime 200000x ./access
	$(GO) test -run '^$$' -fuzz FuzzCheckPassword -fuzztime 2000x ./auth

## build: a static binary in ./sinergi
build:
	CGO_ENABLED=0 $(GO) build -trimpath -o sinergi ./cmd/sinergi
