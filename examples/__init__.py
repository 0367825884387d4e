"""Example posts, one folder a rule: ``bad.md`` shows the problem, ``good.md`` does not.

Expectations sit on the offending line in a comment no rule reads: ``<!-- expect: PL301 -->`` in the body,
``# expect: PL201`` in YAML or TOML front matter. ``CODE:COL`` pins the column too, and ``CODE@LINE:COL``
names another line (for findings on a fence line, where a comment cannot go). An optional
``postlint.toml`` beside them is the config the examples are linted with. A fixable rule also has
``bad.fixed.md``: ``bad.md`` after ``postlint check --fix --unsafe-fixes``, compared byte for byte.
"""
