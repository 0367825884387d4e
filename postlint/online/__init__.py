"""Online checks: does each remote image and source URL still load?

This is the one place in postlint that touches the network, and only when a run asks for it (``--online`` or
``online = true``). Rules never fetch: an online rule *names* the URLs of a post (with their places) and later
*judges* the result for each; :mod:`postlint.online.run` gathers the distinct URLs of every post of a run,
:mod:`postlint.online.checker` fetches each once (HEAD first, a few KB at most, SSRF-safe), and
:mod:`postlint.online.store` keeps the answers in the user's cache folder.

Importing this package is cheap: the HTTP client is imported only when URLs are checked.
"""
