"""Find rules the way a third party's are found, and decide which ones run.

Built-in rules are not special: they are the entry point ``builtin`` of the group ``postlint.rules``. Each
entry point names a module or a package; every :class:`~postlint.api.Rule` subclass defined in it (or in the
package's modules) is a rule. Directories named by ``rule-dirs`` are loaded the same way, file by file.

Loading a rule runs its Python code: ``rule-dirs`` (from any config file, nested ones included) runs files
from the repository being linted, with the same trust as running its build. ``--isolated`` loads only
postlint's own rules (:data:`BUILTIN_PACKAGE`): no rule folder and no installed third-party rule package,
so the findings are the same on every machine and nothing from the repository runs.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import inspect
import os
import pkgutil
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

from pydantic import ValidationError

from postlint.config import Config, ConfigError
from postlint.core.entrypoints import declared
from postlint.core.model import Severity
from postlint.core.selectors import specificity, unknown_selector
from postlint.engine.contract import CONTRACT_VERSION, OnlineRule, Rule, RuleOptions

ENTRY_POINT_GROUP = "postlint.rules"
#: The package of the built-in rules (the ``builtin`` entry point), the only one ``--isolated`` loads.
BUILTIN_PACKAGE = "postlint_rules"
_CODE = re.compile(r"^[A-Z]{1,4}\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
RuleClass = type[Rule[Any]]


class RuleLoadError(Exception):
    """A rule package is broken (duplicate code, bad name, import error)."""


def _rules_in(module: ModuleType) -> list[RuleClass]:
    found: list[RuleClass] = []
    for value in vars(module).values():
        if (
            isinstance(value, type)
            and issubclass(value, Rule)
            and value is not Rule
            and value.__module__ == module.__name__
            and "code" in vars(value)
        ):
            found.append(value)
    return found


def _walk(module: ModuleType) -> list[RuleClass]:
    rules = _rules_in(module)
    if hasattr(module, "__path__"):
        for info in sorted(pkgutil.iter_modules(module.__path__), key=lambda item: item.name):
            if info.name.startswith("_"):
                continue
            child = importlib.import_module(f"{module.__name__}.{info.name}")
            rules.extend(_walk(child))
    return rules


def _load_directory(directory: str) -> list[RuleClass]:
    """The rules of the ``*.py`` files in ``directory``. The folder is loaded as a package of its own, so a rule
    file can import a sibling (``from ._words import WORDS``; files starting with ``_`` hold no rules) and
    nothing is added to ``sys.path``."""
    folder = Path(directory)
    if not folder.is_dir():
        raise ConfigError(f"rule-dirs: '{directory}' is not a directory")
    # A name stable across processes (str hashes are salted per process): the cache fingerprint holds it.
    digest = hashlib.sha256(os.fsencode(str(folder.resolve()))).hexdigest()[:16]
    package_name = f"postlint_local_rules_{digest}"
    if package_name not in sys.modules:
        package = ModuleType(package_name, f"rule-dirs folder {folder}")
        package.__path__ = [str(folder.resolve())]
        package.__package__ = package_name
        sys.modules[package_name] = package
    rules: list[RuleClass] = []
    for path in sorted(folder.glob("*.py")):
        if path.name.startswith("_"):
            continue
        name = f"{package_name}.{path.stem}"
        try:
            module = sys.modules.get(name) or importlib.import_module(name)
        except Exception as error:  # a user's rule file: report, do not crash with a traceback
            sys.modules.pop(name, None)
            raise ConfigError(f"rule-dirs: cannot load {path}: {type(error).__name__}: {error}") from None
        rules.extend(_rules_in(module))
    return rules


def discover(rule_dirs: Iterable[str] = (), builtin_only: bool = False) -> list[RuleClass]:
    """Every installed rule plus those in ``rule_dirs``, checked for unique codes and names.

    ``builtin_only`` (``--isolated``): postlint's own rules only, and ``rule_dirs`` must be empty.
    """
    rules: list[RuleClass] = []
    if builtin_only:
        if list(rule_dirs):
            raise ConfigError("rule-dirs: not allowed with --isolated")
        rules = _walk(importlib.import_module(BUILTIN_PACKAGE))
        _check_unique(rules)
        return sorted(rules, key=lambda rule: rule.code)
    for name, value, load in _entry_points():
        try:
            target = load()
        except Exception as error:
            raise RuleLoadError(f"rule package '{name}' ({value}) failed to load: {error}") from error
        if isinstance(target, ModuleType):
            rules.extend(_walk(target))
        elif callable(target):
            rules.extend(target())
    for directory in rule_dirs:
        rules.extend(_load_directory(directory))
    rules = _one_per_source(rules)
    _check_unique(rules)
    return sorted(rules, key=lambda rule: rule.code)


def _entry_points() -> list[tuple[str, str, Callable[[], Any]]]:
    """The ``postlint.rules`` entry points, sorted by name: ``(name, value, load)``.

    Where only postlint itself declares the group (its ``builtin`` entry point, the common case), that is
    known from reading the ``entry_points.txt`` files (:mod:`postlint.core.entrypoints`) without importing
    :mod:`importlib.metadata`, a tenth of a pre-commit run; anything else is asked of :mod:`importlib.metadata`.
    """
    found = declared(ENTRY_POINT_GROUP)
    own = ("postlint", "builtin", BUILTIN_PACKAGE)
    if found and all((_distribution(folder), name, value) == own for folder, name, value in found):
        return [("builtin", BUILTIN_PACKAGE, lambda: importlib.import_module(BUILTIN_PACKAGE))]
    from importlib.metadata import entry_points

    return [
        (entry_point.name, entry_point.value, entry_point.load)
        for entry_point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name)
    ]


def _distribution(folder: str) -> str:
    """The normalized distribution name of a ``*.dist-info``/``*.egg-info`` folder, as importlib.metadata
    reads it from the folder's name (PEP 503: runs of ``-``, ``_`` and ``.`` are one ``_``)."""
    return re.sub(r"[-_.]+", "_", folder.lower().rpartition(".")[0].partition("-")[0])


def _source_of(rule: RuleClass) -> tuple[str, str] | None:
    """Where a rule class is defined (its file, resolved, and its qualified name), when that can be told."""
    try:
        found = inspect.getsourcefile(rule)
    except TypeError:
        return None
    return (os.path.realpath(found), rule.__qualname__) if found else None


def _one_per_source(rules: list[RuleClass]) -> list[RuleClass]:
    """The same rule file reached twice (an installed plugin whose folder ``rule-dirs`` also names) is one rule,
    not a clash of codes: the first one loaded is kept."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for rule in rules:
        source = _source_of(rule)
        if source is not None:
            if source in seen:
                continue
            seen.add(source)
        kept.append(rule)
    return kept


def load_rules(config: Config) -> list[RuleClass]:
    """The rules a run with ``config`` knows: installed ones (postlint's own only under ``--isolated``), those
    in the config's ``rule-dirs``, and postlint's own diagnostics (PL9xx). ``check``, ``rules`` and
    ``explain`` all ask this, so they see the same rules."""
    from postlint.engine.meta import META_RULES

    return [*discover(config.rule_dirs, builtin_only=config.isolated), *META_RULES]


def _check_unique(rules: list[RuleClass]) -> None:
    codes: dict[str, RuleClass] = {}
    names: dict[str, RuleClass] = {}
    for rule in rules:
        if rule.contract_version > CONTRACT_VERSION:
            raise RuleLoadError(
                f"{rule.__module__}.{rule.__name__} ({rule.code}) is written for rule contract "
                f"{rule.contract_version}; this postlint implements contract {CONTRACT_VERSION}: upgrade postlint"
            )
        if not _CODE.match(rule.code):
            raise RuleLoadError(f"{rule.__module__}.{rule.__name__}: code '{rule.code}' is not like 'PL123'")
        if not _NAME.match(rule.name):
            raise RuleLoadError(f"{rule.__module__}.{rule.__name__}: name '{rule.name}' is not kebab-case")
        for table, key in ((codes, rule.code), (names, rule.name)):
            other = table.get(key)
            if other is not None and other is not rule:
                raise RuleLoadError(f"'{key}' is claimed by both {other.__module__} and {rule.__module__}")
            table[key] = rule


def _specificity(selector: str, rule: RuleClass) -> int:
    """How precisely ``selector`` names ``rule`` (see :mod:`postlint.core.selectors`)."""
    return specificity(selector, rule.code, rule.name)


def check_selectors(selectors: Iterable[str], rules: list[RuleClass], key: str) -> None:
    """Stop with a config error naming ``key`` at the first selector that names no rule."""
    pairs = [(rule.code, rule.name) for rule in rules]
    for selector in selectors:
        why = unknown_selector(selector, pairs)
        if why is not None:
            raise ConfigError(f"{key}: {why}")


def resolve(
    rules: list[RuleClass],
    select: list[str] | None,
    extend_select: list[str],
    ignore: list[str],
    site: bool = False,
) -> list[RuleClass]:
    """The rules that run: the most specific selector wins (``select = ["PL3"]``, ``ignore = ["PL301"]``).
    With ``site`` (the generator's config was found) the rules ``enabled_on_sites`` are on by default too."""
    chosen: list[RuleClass] = []
    for rule in rules:
        enable = max((_specificity(s, rule) for s in (select or [])), default=0)
        if select is None and (rule.enabled_by_default or (site and rule.enabled_on_sites)):
            enable = 1
        enable = max(enable, *(_specificity(s, rule) for s in extend_select), 0)
        disable = max((_specificity(s, rule) for s in ignore), default=0)
        if enable and enable > disable:
            chosen.append(rule)
    return chosen


def choose_rules(
    config: Config,
    rules: list[RuleClass],
    select: list[str] | None = None,
    extend_select: list[str] | None = None,
    ignore: list[str] | None = None,
    site: bool = False,
) -> list[RuleClass]:
    """The rules a run with ``config`` runs, the command line's ``select``/``extend_select``/``ignore``
    added to the config's; every selector (``per-file-ignores`` too) must name a rule. ``site``: the files
    belong to a site whose generator config was found (see :func:`resolve`)."""
    select_list = select if select is not None else config.select
    extend = [*config.extend_select, *(extend_select or [])]
    ignore_list = [*config.ignore, *(ignore or [])]
    check_selectors(select_list or [], rules, "--select/select")
    check_selectors(extend, rules, "--extend-select/extend-select")
    check_selectors(ignore_list, rules, "--ignore/ignore")
    for pattern, selectors in config.per_file_ignores.items():
        check_selectors(selectors, rules, f"per-file-ignores.{pattern}")
    return resolve(rules, select_list, extend, ignore_list, site)


def rule_settings(config: Config, rules: list[RuleClass]) -> dict[str, tuple[RuleOptions, Severity]]:
    """Severity and validated options per configured rule, selected or not (a typo is an error either way)."""
    settings: dict[str, tuple[RuleOptions, Severity]] = {}
    for key, raw in config.rules.items():
        rule = find_rule(rules, key)
        if rule is None:
            raise ConfigError(f"rules.{key}: no rule has this code or name")
        options = dict(raw)
        severity = rule.severity
        if "severity" in options:
            severity = parse_severity(options.pop("severity"), f"rules.{key}.severity")
        try:
            validated = rule.Options.model_validate(options)
        except ValidationError as error:
            problems = "; ".join(
                f"rules.{key}.{'.'.join(str(p) for p in item['loc'])}: "
                f"{'unknown option' if item['type'] == 'extra_forbidden' else item['msg']}"
                for item in error.errors(include_url=False)
            )
            raise ConfigError(problems) from None
        settings[rule.code] = (validated, severity)
    return settings


def build_rules(
    config: Config, chosen: list[RuleClass], settings: dict[str, tuple[RuleOptions, Severity]]
) -> list[tuple[Rule[Any], Severity]]:
    """Each chosen rule built with its options, and its severity: configured, or read from the config key
    its ``severity_from_config`` names (``"allow"`` there leaves the rule out). Online rules are left out of
    offline runs, which never even name URLs."""
    built: list[tuple[Rule[Any], Severity]] = []
    for rule_class in chosen:
        if issubclass(rule_class, OnlineRule) and not config.online.enabled:
            continue
        options, severity = settings.get(rule_class.code, (None, rule_class.severity))
        instance = rule_class(options)
        policy = rule_class.severity_from_config
        if policy is not None:
            value = _lookup(config, policy)
            if value == "allow":
                continue
            severity = parse_severity(value, policy)
        built.append((instance, severity))
    return built


def _lookup(config: Config, dotted: str) -> Any:
    value: Any = config
    for part in dotted.split("."):
        value = getattr(value, part.replace("-", "_"))
    return value


def find_rule(rules: list[RuleClass], code_or_name: str) -> RuleClass | None:
    key = code_or_name.strip()
    for rule in rules:
        if key.upper() == rule.code or key.lower() == rule.name:
            return rule
    return None


def parse_severity(value: Any, key: str) -> Severity:
    try:
        return Severity(str(value).lower())
    except ValueError:
        raise ConfigError(f"{key}: '{value}' is not a severity (error, warning, info)") from None
