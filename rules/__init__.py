"""postlint's built-in rules, one module a rule.

This package is registered as the entry point ``builtin`` of the group ``postlint.rules``, the route any
third-party rule package takes. A rule module imports only :mod:`postlint.api` and :mod:`postlint.helpers`,
the standard library, lxml and pydantic, never another rule. Families by code: PL0xx the file itself, PL1xx
front-matter schema, PL2xx dates, PL3xx images, PL4xx figures and captions, PL5xx ad remnants and trackers,
PL6xx source links, PL7xx HTML hygiene and safety, PL8xx checks across posts (PL9xx are postlint's own,
emitted by the engine).
"""
