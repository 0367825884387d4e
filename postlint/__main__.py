"""The ``postlint`` command (and ``python -m postlint``): the CLI, started and stopped for speed.

A pre-commit hook starts postlint for every commit, so start-up and shut-down count as much as linting
one post. Two things shave a tenth off a small run:

- The garbage collector is off while the CLI's modules load (imports make objects, not garbage) and then
  everything loaded so far is frozen out of later collections, which a long run would otherwise rescan.
- The process ends with ``os._exit`` once the output is flushed: tearing down several hundred modules is
  work nobody waits for. Everything postlint writes is written and closed before the command returns
  (atomic replaces, joined worker pools), so there is nothing left to finish.

``python -m postlint`` puts the current folder first on ``sys.path``, so a repository holding a ``yaml.py``
or a ``click/`` folder would have its code imported in place of postlint's dependencies, before any option
(``--isolated`` included) is read. That entry is removed before anything else is imported, so ``python -m
postlint`` imports what the ``postlint`` command imports. (Python itself has already imported the package
``postlint`` by then: in a folder you do not trust, run the ``postlint`` command or ``python -P -m postlint``.)
"""

from __future__ import annotations

import os
import sys


def _drop_working_folder(path: list[str]) -> None:
    """Remove the current folder that ``python -m`` put first on ``path`` (absent with -P or -I)."""
    if path and not getattr(sys.flags, "safe_path", False) and not sys.flags.isolated:
        try:
            first = os.path.abspath(path[0] or os.curdir)
            if first == os.getcwd():
                del path[0]
        except OSError:  # the working folder was removed: nothing can be imported from it anyway
            pass


if __name__ == "__main__":
    _drop_working_folder(sys.path)

import contextlib  # noqa: E402  (after the sys.path clean-up on purpose)
import gc  # noqa: E402


def run() -> None:
    gc.disable()
    _no_pydantic_plugin_search()
    from postlint.cli.main import main
    from postlint.cli.output import guard_streams

    gc.freeze()
    gc.enable()
    # Before click reads the arguments: its errors for the group's own ones (`postlint '##[error]x'`: "No such
    # command") quote them before any command, and so before the group's own guard_streams(), runs.
    guard_streams()
    try:
        main()
        status = 0
    except SystemExit as stop:
        status = _status(stop.code)
    for stream in (sys.stdout, sys.stderr):
        # A closed pipe (`postlint check | head`) or a closed stream has nothing left to flush.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)


def _no_pydantic_plugin_search() -> None:
    """Tell pydantic there are no plugins to look for when no installed distribution declares one.

    The first model pydantic builds looks for plugins through :mod:`importlib.metadata`, whose import is a
    tenth of a one-file run. When the ``entry_points.txt`` files show no ``pydantic`` entry point
    (:func:`postlint.core.entrypoints.declared`), pydantic's documented switch ``PYDANTIC_DISABLE_PLUGINS``
    says so: the same (empty) set of plugins, without the search. A value already set is left alone.
    """
    if "PYDANTIC_DISABLE_PLUGINS" not in os.environ:
        from postlint.core.entrypoints import declared

        if declared("pydantic") == []:
            os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
            _no_plugin_loader()


_LOADER = "pydantic.plugin._loader"


def _no_plugin_loader() -> None:
    """Stand in for pydantic's plugin loader while plugins are switched off.

    pydantic asks ``pydantic.plugin._loader.get_plugins()`` each time it builds a validator, and that module
    imports :mod:`importlib.metadata` (with :mod:`email`, :mod:`zipfile`, :mod:`csv` and :mod:`socket`:
    about 15 ms, a tenth of a one-file run) only to read ``PYDANTIC_DISABLE_PLUGINS`` and return nothing.
    The stand-in returns the same nothing while that switch is on; should the switch be turned off, or
    anything else of the module be asked for, the real loader is imported in its place and answers.
    """
    if _LOADER in sys.modules:
        return
    import types

    loader = types.ModuleType(_LOADER, "Stand-in for pydantic's plugin loader while plugins are disabled.")

    def real() -> types.ModuleType:
        import importlib

        if sys.modules.get(_LOADER) is loader:
            del sys.modules[_LOADER]
        return importlib.import_module(_LOADER)

    def get_plugins() -> object:
        if os.environ.get("PYDANTIC_DISABLE_PLUGINS") in ("__all__", "1", "true"):
            return ()
        return real().get_plugins()

    def __getattr__(name: str) -> object:  # the module's own (PEP 562)
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(real(), name)

    loader.get_plugins = get_plugins  # type: ignore[attr-defined]
    loader.__getattr__ = __getattr__  # type: ignore[method-assign]
    sys.modules[_LOADER] = loader


def _status(code: object) -> int:
    """The exit status Python itself would give for ``SystemExit(code)``."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


if __name__ == "__main__":
    run()
