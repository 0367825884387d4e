"""postlint reads the same front-matter data as python-frontmatter, the reference library, on real posts.

postlint cannot use python-frontmatter at run time (its split keeps no positions, so findings could not point
at keys), so this differential test keeps the two in step. The one known difference is deliberate.
"""

from __future__ import annotations

import pytest
from conftest import CORPUS, needs_shared

from postlint.reading.post import read_post

#: Jekyll closes YAML front matter with `...` as well as `---`; python-frontmatter only knows `---`.
KNOWN_DIFFERENCES = {"jekyll__test__source__2014-03-03-yaml-with-dots.md"}


@needs_shared
@pytest.mark.slow
def test_front_matter_data_agrees_with_python_frontmatter() -> None:
    import frontmatter

    agreed, differing = 0, []
    for path in sorted(CORPUS.iterdir()):
        post = read_post(path, path.name, 10**8)
        front = post.front_matter
        if post.text is None or front is None or not front.parsed or front.format != "yaml" or post.load_issues:
            continue
        try:
            reference = frontmatter.loads(post.text).metadata
        except Exception:  # the reference library fails on some posts postlint reports as broken
            continue
        if reference == post.data:
            agreed += 1
        elif path.name not in KNOWN_DIFFERENCES:
            differing.append(path.name)
    assert differing == []
    assert agreed > 3500
