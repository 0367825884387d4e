"""Every rule that reads the ad packs reads the ones the config selects: a pack the user disables is no
longer used, and a pack the user adds (``extra-packs``) is, exactly as for ``ad-remnant`` (issue 14)."""

from __future__ import annotations

from conftest import LintText, codes

HEAD = '---\ntitle: "Harbour notes"\n---\n\n'
#: A pack of the user's own, written in config like the shipped ones.
MINE = {"name": "harbour-ads", "kind": "ad", "hosts": ["ads.harbour.test"], "selectors": [{"css": ".promo-slot"}]}


def rule_config(rule: str, **options: object) -> dict[str, object]:
    return {"rules": {rule: {key.replace("_", "-"): value for key, value in options.items()}}}


def test_ad_embed_uses_the_configured_packs(lint_text: LintText) -> None:
    text = HEAD + '<script src="https://cdn.taboola.com/loader.js"></script>\n<p>Text.</p>\n'
    assert codes(lint_text(text, select=["PL503"])) == [("PL503", 5, 1)]
    assert codes(lint_text(text, select=["PL503"], config=rule_config("ad-embed", disable_packs=["taboola"]))) == []
    assert codes(lint_text(text, select=["PL503"], config=rule_config("ad-embed", packs=["adsense"]))) == []
    mine = HEAD + 'Text.\n\n<iframe src="https://ads.harbour.test/slot"></iframe>\n'
    assert codes(lint_text(mine, select=["PL503"])) == []
    findings = lint_text(mine, select=["PL503"], config=rule_config("ad-embed", extra_packs=[MINE]))
    assert codes(findings) == [("PL503", 7, 1)]
    assert findings[0].message == "<iframe> loads from ad/analytics host ads.harbour.test"


def test_tracking_pixel_uses_the_configured_packs(lint_text: LintText) -> None:
    text = HEAD + 'Text.\n\n<img src="https://pixel.wp.com/g.gif?x=1" alt="">\n'
    assert codes(lint_text(text, select=["PL504"])) == [("PL504", 7, 1)]
    assert (
        codes(lint_text(text, select=["PL504"], config=rule_config("tracking-pixel", disable_packs=["trackers"]))) == []
    )
    tracker = {"name": "harbour-stats", "kind": "tracker", "hosts": ["stats.harbour.test"]}
    mine = HEAD + 'Text.\n\n<img src="https://stats.harbour.test/p.png" alt="">\n'
    assert codes(lint_text(mine, select=["PL504"])) == []
    config = rule_config("tracking-pixel", extra_packs=[tracker])
    assert codes(lint_text(mine, select=["PL504"], config=config)) == [("PL504", 7, 1)]
    # An ad pack's hosts are not tracker hosts.
    assert codes(lint_text(mine, select=["PL504"], config=rule_config("tracking-pixel", extra_packs=[MINE]))) == []


def test_ad_label_leaves_the_labels_of_the_configured_packs_remnants_to_ad_remnant(lint_text: LintText) -> None:
    shipped = HEAD + 'Text.\n\n<div id="dfp-ad-top"><p>Advertisement</p></div>\n\nMore text.\n'
    assert codes(lint_text(shipped, select=["PL505"])) == []  # inside a DFP slot: ad-remnant's finding
    config = rule_config("ad-label", disable_packs=["google-ad-manager"])
    # the div that holds only the label is what a reader sees (and a fix removes), so it is reported
    assert codes(lint_text(shipped, select=["PL505"], config=config)) == [("PL505", 7, 1)]
    mine = HEAD + 'Text.\n\n<div class="promo-slot"><p>Advertisement</p></div>\n\nMore text.\n'
    assert codes(lint_text(mine, select=["PL505"])) == [("PL505", 7, 1)]
    assert codes(lint_text(mine, select=["PL505"], config=rule_config("ad-label", extra_packs=[MINE]))) == []


def test_html_script_leaves_the_configured_ad_hosts_to_ad_embed(lint_text: LintText) -> None:
    text = HEAD + '<script src="https://cdn.taboola.com/loader.js"></script>\n<p>Text.</p>\n'
    assert codes(lint_text(text, select=["PL705"])) == []
    config = rule_config("html-script", disable_packs=["taboola"])
    assert codes(lint_text(text, select=["PL705"], config=config)) == [("PL705", 5, 1)]
    mine = HEAD + '<script src="https://ads.harbour.test/a.js"></script>\n<p>Text.</p>\n'
    assert codes(lint_text(mine, select=["PL705"])) == [("PL705", 5, 1)]
    assert codes(lint_text(mine, select=["PL705"], config=rule_config("html-script", extra_packs=[MINE]))) == []


def test_html_untrusted_embed_leaves_the_configured_ad_hosts_to_ad_embed(lint_text: LintText) -> None:
    text = HEAD + 'Text.\n\n<iframe src="https://trc.taboola.com/frame"></iframe>\n'
    assert codes(lint_text(text, select=["PL708"])) == []
    config = rule_config("html-untrusted-embed", packs=["adsense"])
    assert codes(lint_text(text, select=["PL708"], config=config)) == [("PL708", 7, 1)]
    mine = HEAD + 'Text.\n\n<iframe src="https://ads.harbour.test/slot"></iframe>\n'
    assert codes(lint_text(mine, select=["PL708"])) == [("PL708", 7, 1)]
    config = rule_config("html-untrusted-embed", extra_packs=[MINE])
    assert codes(lint_text(mine, select=["PL708"], config=config)) == []


def test_a_misnamed_pack_option_is_a_config_error(lint_text: LintText) -> None:
    """The options are typed and closed, as for ad-remnant: a typo exits 2 naming the key."""
    import pytest

    from postlint.config import ConfigError

    with pytest.raises(ConfigError, match=r"^rules\.ad-embed\.disable-pack: unknown option$"):
        lint_text(HEAD + "Text.\n", config=rule_config("ad-embed", disable_pack=["taboola"]))
