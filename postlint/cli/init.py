"""``postlint init``: write a starting ``postlint.toml``; with ``--infer``, one whose front-matter fields
are learnt from the posts in PATHS (:mod:`postlint.cli.infer`)."""

from __future__ import annotations

from pathlib import Path

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
def init(
    paths: tuple[str, ...],
    infer: bool,
    to_stdout: bool,
    force: bool,
    required_threshold: float,
    max_allowed_values: int,
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
        files = list(
            iter_files(targets, config.include, [*config.exclude, *config.extend_exclude], config.respect_gitignore)
        )
        if not files:
            fail(nothing_checked(targets))
        inference = Inference()
        for fs_path, display in files:
            post = read_post(fs_path, display, config.max_file_size)
            front = post.front_matter
            if front is not None and front.parsed:
                inference.add(front.data, front.raw)
        if inference.posts == 0:
            fail(f"PATHS: none of the {len(files)} files has front matter that parses: nothing to infer from")
        text = inference.render(targets, required_threshold, max_allowed_values, __version__)
    if to_stdout:
        click.echo(text, nl=False)
        return
    try:
        write_atomic(target, text)
    except OSError as error:
        fail(f"cannot write {target}: {error.strerror or error}")
    click.echo(f"postlint: wrote {target}", err=True)
