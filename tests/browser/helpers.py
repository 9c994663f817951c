"""Helpers for browser tests: axe-core accessibility checks and logging in.

axe-core comes from the ``axe-playwright-python`` package (its bundled ``axe.min.js``) and is
injected into the page: nothing is fetched from the network.
"""

from __future__ import annotations

from collections.abc import Iterable

from axe_playwright_python.base import AXE_SCRIPT

WCAG_21_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
FAILING_IMPACTS = ("serious", "critical")


def axe_violations(page, *, context=None, tags: Iterable[str] = WCAG_21_AA, disable_rules: Iterable[str] = ()):
    """Run axe-core on the page as it is now; return axe's list of violations (all impacts)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    options = {
        "runOnly": {"type": "tag", "values": list(tags)},
        "resultTypes": ["violations"],
        "rules": {rule: {"enabled": False} for rule in disable_rules},
    }
    results = page.evaluate(
        "([context, options]) => axe.run(context || document, options)",
        [context, options],
    )
    return results["violations"]


def format_violations(violations, url: str = "") -> str:
    lines = [f"{len(violations)} accessibility violation(s){' on ' + url if url else ''}:"]
    for violation in violations:
        lines.append("")
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"  - {target}")
            lines.append(f"      {node['html'].strip()[:300]}")
            summary = (node.get("failureSummary") or "").strip().replace("\n", "\n      ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


def assert_accessible(
    page,
    *,
    context=None,
    disable_rules: Iterable[str] = (),
    impacts: Iterable[str] = FAILING_IMPACTS,
) -> None:
    """Fail when axe-core finds a WCAG 2.1 A/AA violation of impact "serious" or "critical".

    ``context`` is an axe context (e.g. a CSS selector) to check only part of the page;
    ``disable_rules`` switches off named axe rules (say why in the test when you use it).
    Minor and moderate violations are printed but do not fail the test.
    """
    violations = axe_violations(page, context=context, disable_rules=disable_rules)
    impacts = tuple(impacts)
    failing = [v for v in violations if v["impact"] in impacts]
    other = [v for v in violations if v["impact"] not in impacts]
    if other:
        print(format_violations(other, page.url).replace("violation(s)", "non-failing violation(s)", 1))
    if failing:
        raise AssertionError(format_violations(failing, page.url))


def login(page, live_server, username: str, password: str, *, next_url: str = ""):
    """Log in through the real login form at /accounts/login/ and wait for the next page.

    Raises AssertionError when the browser is still on the login page afterwards.
    """
    url = f"{live_server.url}/accounts/login/"
    if next_url:
        url += f"?next={next_url}"
    page.goto(url)
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        form.locator("[type=submit]").first.click()
    if page.url.split("?")[0].rstrip("/").endswith("/accounts/login"):
        errors = page.locator(".errorlist, [role=alert]").all_inner_texts()
        raise AssertionError(f"login as {username!r} failed; still on {page.url}. Page says: {errors}")
    return page


def open_more(page) -> None:
    """Fold out the doorstep form's "Meer" part (direction, subject, another duration, ...), where
    tests that are not about the tap count fill in those fields."""
    more = page.locator("form details.more")
    if more.count():
        more.first.evaluate("d => { d.open = true; }")
