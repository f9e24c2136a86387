# Developer commands. `make test` is what CI runs.
.PHONY: run test test-swift ledger-load load db-up build clean

run:
	swift run tryout serve

build:
	swift build

# Everything: installs missing tools, Swift suites on SQLite and PostgreSQL, browser + axe,
# schemathesis on both databases. Non-zero exit on any failure.
test:
	scripts/test-all.sh

# Only the Swift suites on SQLite (fast inner loop).
test-swift:
	swift test

# The ledger under load (issue 14's long form): 20 API clients for 60 s on a throwaway
# PostgreSQL, then the same while the server is killed with SIGKILL five times. `make test`
# runs a short form.
ledger-load:
	swift build --product tryout
	scripts/ledger-load.sh

# Pages under load on both databases (issue 17's method): a release build, 20,000 projects,
# wrk on every main page and /healthz; prints each page's share of /healthz. Not part of `make test`.
load:
	scripts/load.sh

# A throwaway PostgreSQL for trying the server on it by hand; prints the variables to export.
db-up:
	scripts/postgres.sh start

clean:
	rm -rf .build data
