"""Steps that run on the finished (staged) output before it is swapped in."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def run(output: Path, settings: dict[str, Any]) -> None:
    """Write files that depend on the whole site: robots.txt (search index later)."""
    siteurl = str(settings.get("SITEURL") or "").rstrip("/")
    lines = ["User-agent: *", "Allow: /"]
    if siteurl.startswith(("http://", "https://")):
        lines.append(f"Sitemap: {siteurl}/sitemap.xml")
    (output / "robots.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
