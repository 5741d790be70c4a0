"""The plugin's templates: portable date formatting and no silently skipped partials."""

from __future__ import annotations

import re
from datetime import date, datetime

from pelican.plugins.explainer import TEMPLATES
from pelican.plugins.explainer.render.templating import long_date


def test_long_dates_need_no_platform_strftime() -> None:
    assert long_date(date(2025, 4, 5)) == "5 April 2025"
    assert long_date(date(2025, 12, 31)) == "31 December 2025"
    assert long_date(datetime(2024, 1, 9, 23, 59)) == "9 January 2024"


def test_templates_use_no_glibc_only_format_and_include_their_partials_strictly() -> None:
    templates = sorted(TEMPLATES.rglob("*.html"))
    assert templates
    for path in templates:
        text = path.read_text(encoding="utf-8")
        assert "strftime" not in text, path  # '%-d' works with glibc only: long_date()
        assert "ignore missing" not in text, path  # a mistyped partial must fail the build
        for name in re.findall(r'\{%-?\s*(?:include|import|from|extends)\s+"([^"]+)"', text):
            assert (TEMPLATES / name).is_file(), (path, name)
