"""The Nu HTML Checker (vnu) over every page: 0 errors.

vnu comes from the npm lockfile (``npm ci``) and runs on the machine's Java.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import NODE_MODULES, CheckResult, ToolMissing, html_pages

VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_command(site: Path) -> list[str]:
    java = shutil.which("java")
    if not java:
        raise ToolMissing("java is not installed (the Nu HTML Checker needs it)")
    if not VNU_JAR.is_file():
        raise ToolMissing(f"{VNU_JAR} is missing; run `npm ci`")
    return [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
            "--skip-non-html", str(site)]  # fmt: skip


def _where(site: Path, url: str) -> str:
    path = Path(unquote(urlsplit(url).path))
    try:
        return path.relative_to(site.resolve()).as_posix()
    except ValueError:
        return url


def validate(site: Path) -> list[str]:
    """Every vnu error as 'page:line: message'."""
    run = subprocess.run(vnu_command(site.resolve()), capture_output=True, text=True, timeout=600)
    # vnu writes its JSON report to stderr.
    report = run.stderr.strip() or run.stdout.strip()
    try:
        messages = json.loads(report)["messages"] if report else []
    except (json.JSONDecodeError, KeyError):
        return [f"vnu failed (exit {run.returncode}): {report[:500]}"]
    problems = []
    for msg in messages:
        if msg.get("type") not in ("error", "non-document-error", "fatal"):
            continue
        where = _where(site, msg.get("url", ""))
        if msg.get("lastLine"):
            where += f":{msg['lastLine']}"
        problems.append(f"{where}: {' '.join(str(msg.get('message', '')).split())}")
    if run.returncode and not problems:
        problems.append(f"vnu exited {run.returncode} without messages")
    return problems


def check(site: Path) -> CheckResult:
    pages = html_pages(site)
    result = CheckResult("html", len(pages), "pages validated by the Nu HTML Checker")
    result.problems = validate(site)
    result.counts["pages"] = len(pages)
    return result
