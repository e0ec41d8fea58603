"""What the e2e tests share: the site's pages, the mail sink, a plain HTTP visitor, HTML forms.

A feature that adds a page adds its path to FEATURE_PAGES: the security and accessibility
suites then check it too (and skip it while it still answers 404).
"""

from __future__ import annotations

import email
import email.policy
import http.client
import re
import time
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import requests

# Pages anyone can open.
PUBLIC_PAGES = [
    "/",
    "/account/registreren",
    "/account/inloggen",
    "/account/wachtwoord-vergeten",
    "/privacy",
    "/contact",
    "/over-ons",
    "/open-data",
]
# Pages of features still being built; each one's tests skip while it answers 404.
FEATURE_PAGES = ["/manifest", "/manifest/versies", "/manifest/bedankt", "/manifest/poster", "/fonds", "/fonds/doneren",
                 "/fonds/verantwoording", "/fonds/muur", "/fonds/campagnes", "/fonds/aanvragen", "/fonds/criteria",
                 "/initiatieven", "/nu", "/evenementen", "/evenementen/geweest", "/evenementen/stadsdeel/west"]
# The fund's help pages for applicants, checked in every language they offer (test_fund_help_apply.py,
# which also checks a status page made by applying).
FUND_HELP_PAGES = ["/fonds/aanvragen", "/fonds/criteria"]
FUND_HELP_LANGUAGES = ["nl", "en", "ar", "tr", "pl"]
# Pages other sites may show in a frame: their own, stricter policy (no scripts, no forms).
EMBED_PAGES = ["/manifest/teller"]
# JSON anyone may fetch.
API_PATHS = ["/api/v1/indicators", "/api/v1/openapi.json", "/api/v1/manifest", "/api/v1/fund/summary",
             "/api/v1/fund/months", "/api/v1/fund/campaigns",
             "/api/v1/initiatives", "/api/v1/events"]
# Pages for a signed-in person.
ACCOUNT_PAGES = ["/account", "/fonds/mijn-giften", "/voor-jou", "/voor-jou/profiel", "/evenementen/mijn"]
# Pages for staff, with the role that may open them.
STAFF_PAGES = {
    "/beheer/rollen": "admin",
    "/beheer/manifest": "coordinator",
    "/beheer/manifest/papier": "coordinator",
    "/beheer/manifest/campagnes": "coordinator",
    "/beheer/fonds": "treasurer",
    "/beheer/fonds/afschrift": "treasurer",
    "/beheer/fonds/wachtrij": "treasurer",
    "/beheer/fonds/contant": "treasurer",
    "/beheer/fonds/campagnes": "treasurer",
    "/fonds/verwijzer": "referrer",
    "/beheer/fonds/aanvragen": "fund_committee",
    "/beheer/fonds/inzagelog": "fund_committee",
    "/beheer/fonds/criteria": "fund_committee",
    "/beheer/fonds/uitbetalingen": "treasurer",
    "/beheer/initiatieven": "coordinator",
    "/evenementen/nieuw": "coordinator",
    "/evenementen/reeksen/nieuw": "coordinator",
}

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def unique_email(label: str = "persoon") -> str:
    return f"{label}-{uuid.uuid4().hex[:10]}@example.test"


def new_password() -> str:
    return "wachtwoord-" + uuid.uuid4().hex[:12]


@dataclass
class Account:
    name: str
    email: str
    password: str


# --- the SMTP sink (aiosmtpd writes one file per message into DIR/new) -------------------


def arrival(path: Path) -> int:
    """Maildir names carry the sink's counter (`...Q<count>.host`): the order of arrival. The
    names themselves do not sort, as their microseconds are not zero-padded."""
    found = re.search(r"Q(\d+)\.", path.name)
    return int(found.group(1)) if found else 0


class Mailbox:
    def __init__(self, directory: str | Path):
        self.dir = Path(directory)

    def messages(self) -> list[email.message.EmailMessage]:
        found = []
        for sub in ("new", "cur"):
            for path in sorted((self.dir / sub).glob("*"), key=arrival):
                with open(path, "rb") as f:
                    found.append(email.message_from_binary_file(f, policy=email.policy.default))
        return found

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages() if address.lower() in str(m.get("To", "")).lower()]

    def wait_for_link(self, address: str, path: str, timeout: float = 15.0) -> str:
        """The first absolute URL containing `path` in a mail to `address`."""
        deadline = time.monotonic() + timeout
        while True:
            for message in self.to(address):
                link = first_link(message, path)
                if link:
                    return link
            if time.monotonic() > deadline:
                subjects = [str(m["Subject"]) for m in self.to(address)]
                raise AssertionError(f"no mail to {address} with a link to {path} within {timeout}s (mails: {subjects})")
            time.sleep(0.2)


URL = re.compile(r"https?://[^\s\"'<>]+")


def first_link(message: email.message.EmailMessage, path: str) -> str | None:
    parts = [p for p in message.walk() if p.get_content_maintype() == "text"]
    parts.sort(key=lambda p: p.get_content_subtype() != "plain")  # plain text first
    for part in parts:
        for url in URL.findall(part.get_content()):
            url = url.replace("&amp;", "&").rstrip(".,)")
            if path in url:
                return url
    return None


# --- HTML forms ---------------------------------------------------------------------------


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self.urls: list[str] = []
        self.lang: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        # A link a person chooses to follow elsewhere (a share link, marked rel="external") opens
        # nothing by itself; everything else must stay on this site.
        chosen = tag == "a" and "external" in (a.get("rel") or "").split()
        for name in ("href", "src", "action", "formaction", "poster", "srcset"):
            if a.get(name) and not chosen:
                self.urls.append(a[name])
        if tag == "form":
            self.forms.append(Form(action=a.get("action") or "", method=(a.get("method") or "get").lower()))
        elif tag in ("input", "textarea", "select", "button") and self.forms and a.get("name"):
            if tag == "input" and a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.forms[-1].fields.setdefault(a["name"], a.get("value") or "")


def parse(html: str) -> _Parser:
    parser = _Parser()
    parser.feed(html)
    return parser


def post_forms(html: str) -> list[Form]:
    return [f for f in parse(html).forms if f.method == "post"]


def is_same_origin(url: str, base_url: str) -> bool:
    """Relative, or on this site (its calendar feeds too); mail, phone and text-message links open no connection and are fine too."""
    if url.startswith(("mailto:", "tel:", "sms:", "#", "data:")):
        return True
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc:
        return True
    base = urlsplit(base_url)
    # A calendar subscription (`webcal://`) is this site's feed, opened by the calendar app.
    if parts.scheme == "webcal":
        return parts.netloc == base.netloc
    return (parts.scheme, parts.netloc) == (base.scheme, base.netloc)


# --- a visitor without a browser -----------------------------------------------------------


class Visitor:
    """A requests session against the site, with the CSRF dance done for it."""

    def __init__(self, base_url: str):
        self.base_url = base_url.rstrip("/")
        self.http = requests.Session()

    def get(self, path: str, **kw) -> requests.Response:
        kw.setdefault("allow_redirects", False)
        kw.setdefault("timeout", 15)
        return self.http.get(self.base_url + path, **kw)

    def post(self, path: str, data=None, csrf: bool = True, **kw) -> requests.Response:
        """POST a form; with csrf=True the token from the cookie is put in `_csrf`."""
        kw.setdefault("allow_redirects", False)
        kw.setdefault("timeout", 15)
        data = dict(data or {})
        if csrf:
            data["_csrf"] = self.csrf_token()
        return self.http.post(self.base_url + path, data=data, **kw)

    def csrf_token(self) -> str:
        # Shared pages (`/`, `/manifest`) set no cookie for anonymous visitors; the login page does.
        if not self.http.cookies.get("kracht_csrf"):
            self.get("/account/inloggen")
        return self.http.cookies.get("kracht_csrf")

    def register(self, account: Account) -> requests.Response:
        return self.post("/account/registreren", {"name": account.name, "email": account.email, "password": account.password})

    def log_in(self, email: str, password: str) -> requests.Response:
        return self.post("/account/inloggen", {"email": email, "password": password})

    def is_signed_in(self) -> bool:
        return self.get("/account").status_code == 200


def raw_request(base_url: str, method: str, path: str, body: bytes | None = None, headers=None,
                chunked: bool = False) -> tuple[int, bytes]:
    """One request with the path sent exactly as given (requests would tidy `..` away)."""
    base = urlsplit(base_url)
    conn = http.client.HTTPConnection(base.hostname, base.port, timeout=30)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            conn.putheader(name, value)
        if body is not None and not chunked:
            conn.putheader("Content-Length", str(len(body)))
        if chunked:
            conn.putheader("Transfer-Encoding", "chunked")
        conn.endheaders()
        try:
            if body is not None and chunked:
                for i in range(0, len(body), 65536):
                    piece = body[i:i + 65536]
                    conn.send(b"%x\r\n%s\r\n" % (len(piece), piece))
                conn.send(b"0\r\n\r\n")
            elif body is not None:
                conn.send(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may answer and close before reading everything
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()
