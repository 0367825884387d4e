"""The engine: which rules run (registry), one post linted into findings (lint), inline suppressions, the
findings' shape, postlint's own diagnostics, and the fixer."""
