# Developer commands. `make test` is what CI runs.
.PHONY: run test test-swift db-up build clean

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

# A throwaway PostgreSQL for trying the server on it by hand; prints the variables to export.
db-up:
	scripts/postgres.sh start

clean:
	rm -rf .build data
