# The two commands of the README. Everything else is in bin/setup.
.PHONY: run test bench

run:
	@bin/setup run
	@echo "Kursen kører på http://127.0.0.1:8000 med baggrundsopgaverne ved siden af (stop med Ctrl+C)"
	@bin/run

test:
	@bin/setup test
	.venv/bin/pytest

bench:
	@bin/setup bench
	.venv/bin/python -m bench
