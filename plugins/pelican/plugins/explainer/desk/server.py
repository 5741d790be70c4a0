"""The review desk's HTTP side: tornado handlers that ``invoke serve`` mounts at
``/_review/`` in front of the built site.

The desk writes files, so every request must come from this machine by a name
of this machine (a page of another site that rebinds its DNS name to 127.0.0.1
sends its own name as ``Host``), and every POST must carry this run's random
token and an ``Origin`` of the desk itself. The file a form names must be an
explainer content file inside ``content/``. Anything else is a plain 403 and
changes nothing.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import tornado.web

from ..errors import InputError, one_line
from . import page, review
from .edits import Desk, Stale, Target, check_target

PREFIX = "/_review/"


@dataclass
class Settings:
    root: Path
    port: int
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    livereload_port: int | None = None
    explainer_url: str = "explainers/{slug}/"
    desk: Desk = field(init=False)

    def __post_init__(self) -> None:
        self.desk = Desk(self.root)

    @property
    def hosts(self) -> set[str]:
        """The ``Host`` values a browser on this machine sends for the desk."""
        return {f"{name}:{self.port}" for name in ("127.0.0.1", "localhost", "[::1]")}


def is_loopback(host: str) -> bool:
    """Whether ``host`` (an address or ``localhost``) names this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class _Base(tornado.web.RequestHandler):
    settings_: Settings

    def initialize(self, settings: Settings) -> None:
        self.settings_ = settings

    def set_default_headers(self) -> None:
        # The site's own policy, plus the live-reload socket the page opens.
        self.set_header(
            "Content-Security-Policy",
            "default-src 'self'; object-src 'none'; frame-ancestors 'none'; "
            "form-action 'self'; base-uri 'none'",
        )
        self.set_header("X-Content-Type-Options", "nosniff")
        # "no-referrer" would make Chromium send "Origin: null" with the forms
        self.set_header("Referrer-Policy", "same-origin")
        self.set_header("Cache-Control", "no-store")

    def prepare(self) -> None:
        remote = self.request.remote_ip or ""
        if not is_loopback(remote) or self.request.host not in self.settings_.hosts:
            self.forbid()
        if self.request.method == "POST":
            origin = self.request.headers.get("Origin", "")
            allowed = {f"http://{host}" for host in self.settings_.hosts}
            token = self.get_body_argument("token", "")
            good = hmac.compare_digest(token.encode(), self.settings_.token.encode())
            if origin not in allowed or origin != f"http://{self.request.host}" or not good:
                self.forbid()

    def forbid(self) -> None:
        self.clear()
        self.set_status(403)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish("403 forbidden\n")
        raise tornado.web.Finish()

    def html(self, body: str, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(body)


class IndexHandler(_Base):
    def get(self) -> None:
        s = self.settings_
        reviews = review.load_all(s.root)
        self.html(page.render(token=s.token, reviews=reviews, livereload_port=s.livereload_port))


class ExplainerHandler(_Base):
    def get(self, slug: str) -> None:
        s = self.settings_
        found = review.find(s.root, slug)
        if found is None:
            raise tornado.web.HTTPError(404)
        if isinstance(found, review.Broken):
            self.html(page.render(token=s.token, reviews=[found]), status=200)
            return
        message = self.get_query_argument("m", "")
        kind = self.get_query_argument("k", "ok")
        self.html(
            page.render(
                token=s.token,
                review=found,
                page_url=s.explainer_url.format(slug=found.slug),
                can_undo=s.desk.can_undo(found.path),
                message=message[:300],
                message_kind=kind if kind in ("ok", "warn", "error") else "ok",
                livereload_port=s.livereload_port,
            )
        )


class ActionHandler(_Base):
    def post(self, slug: str) -> None:
        s = self.settings_
        path = self._content_file()
        found = review.load(path, s.root)
        if not isinstance(found, review.Review) or found.slug != slug:
            self.forbid()
        assert isinstance(found, review.Review)
        action = self.get_body_argument("action", "")
        version = self.get_body_argument("version", "")
        anchor = self.get_body_argument("item", "")
        try:
            if action == "undo":
                done = s.desk.undo(path, version)
                self._back(slug, "Undone." if done else "Nothing to undo.", "ok", "")
                return
            target = self._target(action)
            sentences = {sid: text for _, _, pairs in found.sources for sid, text in pairs}
            check_target(action, target, sentences)
            s.desk.apply(path, version, action, target)
        except Stale:
            message = (
                f"{found.shown_path} changed on disk since this page was loaded, so nothing "
                "was written. The desk now shows the file as it is; try again."
            )
            self._back(slug, message, "warn", anchor)
            return
        except (InputError, OSError) as exc:
            self._back(slug, f"error: {one_line(exc) or exc}", "error", anchor)
            return
        self._back(slug, f"Saved: {action.replace('-', ' ')}.", "ok", anchor)

    def _content_file(self) -> Path:
        """The form's file, which must be an explainer content file inside content/."""
        rel = self.get_body_argument("file", "")
        content = (self.settings_.root / "content").resolve()
        candidate = (content / rel).resolve() if rel else content
        files = {p.resolve(): p for p in review.explainer_files(self.settings_.root)}
        if not candidate.is_relative_to(content) or candidate not in files:
            self.forbid()
        return files[candidate]

    def _target(self, action: str) -> Target:
        arg = self.get_body_argument
        fields = {k: arg(k, "") for k in ("note", "label", "kind", "summary")}
        if action == "add":
            return Target("discrepancies", [arg("a", ""), arg("b", "")], fields=fields)
        cites = [c for c in arg("cites", "").split(",") if c]
        section = arg("section", "")
        if section not in {name for name, _ in review.SECTIONS}:
            raise InputError(None, f"unknown section {section!r}")
        value = arg("value", None) if section == "facts" else None
        date = arg("date", None) if section == "timeline" else None
        return Target(section, cites, value, date, fields)

    def _back(self, slug: str, message: str, kind: str, anchor: str) -> None:
        """Post/redirect/get: the desk reloads from the file as it now is."""
        query = urlencode({"m": message, "k": kind})
        fragment = f"#item-{anchor}" if anchor.isdigit() else ""
        self.redirect(f"{PREFIX}{quote(slug)}/?{query}{fragment}", status=303)


_TYPES = {"desk.css": "text/css; charset=utf-8", "desk.js": "text/javascript; charset=utf-8"}


class AssetHandler(_Base):
    def get(self, name: str) -> None:
        if name not in _TYPES:
            raise tornado.web.HTTPError(404)
        self.set_header("Content-Type", _TYPES[name])
        self.finish((page.ASSETS / name).read_bytes())


def handlers(settings: Settings) -> list[tuple[str, type, dict[str, Any]]]:
    """The desk's routes, to put before the static site's catch-all handler."""
    kw = {"settings": settings}
    return [
        (r"/_review/?", IndexHandler, kw),
        (r"/_review/(desk\.css|desk\.js)", AssetHandler, kw),
        (r"/_review/([a-z0-9][a-z0-9-]*)/?", ExplainerHandler, kw),
        (r"/_review/([a-z0-9][a-z0-9-]*)/act", ActionHandler, kw),
        (r"/_review/.*", NotFoundHandler, kw),
    ]


class NotFoundHandler(_Base):
    def get(self) -> None:
        raise tornado.web.HTTPError(404)

    def post(self) -> None:
        raise tornado.web.HTTPError(404)


def application(settings: Settings) -> tornado.web.Application:
    """The desk alone, for tests and for running it beside another server."""
    return tornado.web.Application(handlers(settings))  # type: ignore[arg-type]
