"""The rule contract: the types a rule is written against (with :mod:`postlint.helpers`, all a rule may use).

A rule is a class with a stable ``code`` (``PL`` + three digits, the hundreds naming the family), a kebab-case
``name`` that names the *problem*, a default ``severity``, typed ``Options`` (a pydantic model that rejects
unknown keys) and a docstring with the sections *What it does*, *Why is this bad?* and *Options*. Its
``check`` method looks at one :class:`Post` and yields :class:`Problem` objects: what is wrong and where (as
character offsets into the post's text). The engine stamps the code, severity and suppressions, turns offsets
into lines and columns, and hands the findings to the reporters. Rules do no I/O: whatever they need from
outside the post (the time, the site's zone, whether a file exists) comes through the :class:`Context`.

Helpers a rule may also import (ad packs, attribution links, URL hosts, element text, front-matter dates,
load issues) live in :mod:`postlint.helpers`.

Third-party rules are registered under the entry point group ``postlint.rules`` (a module or package whose
``Rule`` subclasses are collected) or put in a directory named by ``rule-dirs`` in the config.
"""

from __future__ import annotations

from postlint.core.model import Edit, Fix, Severity, Span
from postlint.engine.contract import (
    CONTRACT_VERSION,
    Context,
    Judgement,
    OnlineRule,
    Problem,
    Requirement,
    Rule,
    RuleOptions,
    SiteProblem,
    SiteRule,
    UrlUse,
)
from postlint.knowledge.pages import PageFacts
from postlint.knowledge.siteindex import SiteIndex
from postlint.knowledge.urlresults import BROKEN, OK, REFUSED, UNVERIFIABLE, UrlResult
from postlint.reading.dates import PostDate
from postlint.reading.frontmatter import FrontMatter
from postlint.reading.html import Attribute, Comment, Element, HtmlBody, MarkupIssue, MarkupIssueKind
from postlint.reading.issues import LoadIssue, LoadIssueKind
from postlint.reading.markdown import MarkdownImage, MarkdownLink
from postlint.reading.post import Post

#: The rule contract. Helpers a rule may also use (packs, attribution, URLs, dates, load issues) are in
#: :mod:`postlint.helpers`; nothing else of postlint is for rules.
__all__ = [
    "BROKEN",
    "CONTRACT_VERSION",
    "OK",
    "REFUSED",
    "UNVERIFIABLE",
    "Attribute",
    "Comment",
    "Context",
    "Edit",
    "Element",
    "Fix",
    "FrontMatter",
    "HtmlBody",
    "Judgement",
    "LoadIssue",
    "LoadIssueKind",
    "MarkdownImage",
    "MarkdownLink",
    "MarkupIssue",
    "MarkupIssueKind",
    "OnlineRule",
    "PageFacts",
    "Post",
    "PostDate",
    "Problem",
    "Requirement",
    "Rule",
    "RuleOptions",
    "Severity",
    "SiteIndex",
    "SiteProblem",
    "SiteRule",
    "Span",
    "UrlResult",
    "UrlUse",
]
