"""``postlint init``: write a starting ``postlint.toml``; with ``--infer``, one whose front-matter fields
are learnt from the posts in PATHS (:mod:`postlint.cli.infer`)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from postlint.cli.messages import fail
from postlint.config import ConfigError
from postlint.core.project import __version__
from postlint.run.session import load, nothing_checked


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--infer", is_flag=True, help="Learn the front-matter fields from the posts in PATHS.")
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the config instead of writing postlint.toml.")
@click.option("--force", is_flag=True, help="Overwrite an existing postlint.toml.")
@click.option(
    "--required-threshold",
    type=click.FloatRange(0.0, 1.0, min_open=True),
    default=0.98,
    show_default=True,
    help="Share of posts that must have a key for it to become required.",
)
@click.option(
    "--max-allowed-values",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    help="A text key with at most this many distinct values lists them as allowed (0: never).",
)
@click.option(
    "--allow-free-text",
    is_flag=True,
    help="Also list the values of free-text keys (names, titles, several words) as allowed.",
)
def init(
    paths: tuple[str, ...],
    infer: bool,
    to_stdout: bool,
    force: bool,
    required_threshold: float,
    max_allowed_values: int,
    allow_free_text: bool,
) -> None:
    """Write a postlint.toml; with --infer, the front-matter fields the posts in PATHS actually follow."""
    from postlint.cli.infer import Inference
    from postlint.core.atomic import write_atomic
    from postlint.reading.post import read_post
    from postlint.run.walk import iter_files

    target = Path("postlint.toml")
    if not to_stdout and target.exists() and not force:
        fail(f"{target} exists: use --force to overwrite it, or --stdout to print the config")
    if not infer:
        if paths:
            fail("PATHS: only read with --infer (postlint init --infer _posts)")
        text = '# postlint config: see the README\'s "Configuration" section for every key.\nprofile = "jekyll"\n'
    else:
        targets = list(paths) or ["."]
        try:
            config = load(None, targets, None, None)
        except ConfigError as error:
            fail(str(error))
            return
        for path in targets:
            if not Path(path).exists():
                fail(f"PATHS: '{path}' does not exist")
        from postlint.core.tree import project_root
        from postlint.sites.content import select_content

        found = list(
            iter_files(targets, config.include, [*config.exclude, *config.extend_exclude], config.respect_gitignore)
        )
        # As `check` walks: on a site, only what its generator reads as content (not layouts, includes).
        named = {os.path.abspath(t) for t in targets if not os.path.isdir(t)}
        files = select_content(found, named, project_root, include=config.include)
        if not files:
            fail(nothing_checked(targets))
        from postlint.sites import detect_generator, facts_for

        # The site of the posts (from the first file: a repository's site may sit in docs/) reads the dates.
        first = next((fs for fs, shown in files if "_posts" in Path(shown).parts), files[0][0])
        generator = config.generator if config.generator != "auto" else detect_generator(first, None)
        inference = Inference(facts_for(generator).date_reader)
        # Pages are not posts: where some files sit in a `_posts` folder, the others are pages; a redirect
        # (`redirect_to`, a `redirect` layout) is a page anywhere.
        in_posts = any("_posts" in Path(display).parts for _, display in files)
        pages: list[str] = []
        post_paths: list[str] = []
        for fs_path, display in files:
            post = read_post(fs_path, display, config.max_file_size)
            front = post.front_matter
            if front is not None and front.parsed:
                if (in_posts and "_posts" not in Path(display).parts) or _redirect(front.data):
                    pages.append(Path(display).as_posix())
                    continue
                inference.add(front.data, front.raw)
                post_paths.append(Path(display).as_posix())
        if inference.posts == 0:
            fail(f"PATHS: none of the {len(files)} files has front matter that parses: nothing to infer from")
        patterns = _patterns(pages, post_paths)
        text = inference.render(
            targets, required_threshold, max_allowed_values, __version__, allow_free_text, patterns, len(pages)
        )
    if to_stdout:
        click.echo(text, nl=False)
        return
    try:
        write_atomic(target, text)
    except OSError as error:
        fail(f"cannot write {target}: {error.strerror or error}")
    click.echo(f"postlint: wrote {target}", err=True)


def _redirect(data: dict[str, Any]) -> bool:
    """Whether the front matter makes the page a redirect (jekyll-redirect-from's ``redirect_to``, a
    ``redirect`` layout, Hugo's ``redirect``/``redirectTo`` params)."""
    if any(key in data for key in ("redirect_to", "redirect", "redirectTo", "redirect_url")):
        return True
    layout = data.get("layout")
    return isinstance(layout, str) and "redirect" in layout.lower()


def _patterns(pages: list[str], posts: list[str]) -> list[str]:
    """``per-file-ignores`` patterns for ``pages``: the highest folder of each that holds no post, as
    ``folder/*`` (one entry for a folder of pages), else the page's own path."""
    folders: set[str] = set()
    for post in posts:
        parts = post.split("/")
        folders.update("/".join(parts[:i]) for i in range(1, len(parts)))
    chosen: list[str] = []
    for page in sorted(pages):
        parts = page.split("/")
        pattern = page
        for i in range(1, len(parts)):
            folder = "/".join(parts[:i])
            if folder not in folders:
                pattern = folder + "/*"
                break
        if pattern not in chosen:
            chosen.append(pattern)
    return chosen
