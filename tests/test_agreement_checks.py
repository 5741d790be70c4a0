"""An agreement row never sets figures that do not fit side by side as "the same"."""

from __future__ import annotations

import pytest

from pelican.plugins.explainer.analyse.agreement_checks import figures_clash


@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        # different sums, counts and durations of one kind
        ("a loan of 1.5 billion euros", "a loan of 1.2 billion euros", True),
        ("about 400 passengers were on board", "312 passengers and 9 crew were on board", True),
        ("sentenced to six years in prison", "sentenced to six years and four months", True),
        ("hackers took data on 1.2 million customers", "nearly three million people hit", True),
        # figures that fit: a bound, rounding, an approximation, or nothing to compare
        ("more than 80 people were hurt", "87 people were hurt", False),
        ("bribes worth 1.4 million crowns", "bribes of 1.43 million crowns", False),
        ("about 2,000 people left", "2,050 people left their homes", False),
        ("up to 25 people may have died", "19 people died", False),
        ("the strike lasted two days", "the 48-hour strike", False),
        ("the council voted 9 to 4", "the plan won the council vote", False),
    ],
)
def test_figures_clash(a: str, b: str, clash: bool) -> None:
    assert figures_clash(a, b) is clash


@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        (
            "The national marine safety board, led by Oskar Lind, has opened an inquiry.",
            "The inquiry will be led by Mira Haldane, head of the marine safety board.",
            True,
        ),
        (
            "Judge Karin Holt said the court had found him guilty.",
            "Presiding judge Karen Holt read the verdict.",
            False,  # one judge, her name spelt two ways: the figures rule does not apply
        ),
        (
            "The inquiry is led by Oskar Lind, the board said.",
            "Oskar Lind will lead the inquiry.",
            False,  # one person
        ),
        (
            "Police chief Ana Brest said the road would stay closed.",
            "Mayor Ivo Dern said the road would stay closed.",
            False,  # two people may say one thing
        ),
    ],
)
def test_names_clash(a: str, b: str, clash: bool) -> None:
    from datetime import date

    from reports import report

    from pelican.plugins.explainer.analyse.agreement_checks import names_clash
    from pelican.plugins.explainer.analyse.claims import statement

    first = report("a", a).sentences
    second = report("b", b).sentences
    sa = next(s for s in first if s.text.startswith(a[:20]))
    sb = next(s for s in second if s.text.startswith(b[:20]))
    assert names_clash(statement(sa, date(2026, 1, 1)), statement(sb, date(2026, 1, 1))) is clash
