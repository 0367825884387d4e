#!/usr/bin/env bash
# A nightly job for a whole archive: a browsable HTML report, and a check that fails only on new problems.
set -euo pipefail
postlint report _posts --output postlint-report.html
# The first run records today's findings; later runs report only what is new, and list what was fixed.
[ -f postlint-baseline.json ] || postlint baseline write postlint-baseline.json _posts
postlint check _posts --baseline postlint-baseline.json --format markdown --output text=postlint-new.txt > postlint-summary.md
