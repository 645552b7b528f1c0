"""The UN document system (ODS): a resolution's PDF or Word file, by symbol and language.

``fetch`` downloads one document (retrying timeouts and server errors with backoff), checks
that the body is the document and not an error page, reads it, and stores the original and
its parsed JSON in the corpus folder - both or neither. Nothing here prints: the command
shows progress and errors (and finds a series' members with ``history.recalled``).
"""

from __future__ import annotations

import http.client
import json
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener

from resodiff import __version__, readers, symbols
from resodiff.errors import OutputError, ResodiffError
from resodiff.model import Resolution
from resodiff.output import atomic_write_all
from resodiff.readers import read_bytes, sniff

DEFAULT_BASE_URL = "https://documents.un.org/api/symbol/access"
DEADLINE = 120.0  # seconds for one whole download, however the server trickles it
LANGUAGES = ("fr", "en", "es")  # of ODS's six, those resodiff reads


class FetchError(ResodiffError):
    """A document that could not be fetched, or was not the document."""


@dataclass(frozen=True)
class Fetched:
    symbol: str
    language: str
    path: Path  # the original, as served
    json_path: Path
    resolution: Resolution | None  # None when it was already in the corpus
    warning: str | None = None


def document_url(symbol: str, language: str, *, word: bool = False, base_url: str = DEFAULT_BASE_URL) -> str:
    query = urlencode({"s": symbol, "l": language, "t": "doc" if word else "pdf"})
    return f"{base_url}{'&' if '?' in base_url else '?'}{query}"


def fetch(symbol: str, language: str, corpus: Path, *, word: bool = False, base_url: str = DEFAULT_BASE_URL,
          timeout: float = 30.0, retries: int = 3, backoff: float = 1.0, force: bool = False,
          sleep: Callable[[float], None] = time.sleep, deadline: float = DEADLINE,
          allow_hosts: tuple[str, ...] = ()) -> Fetched:
    """Download, check, read and store one document. Raises FetchError in one line."""
    what = f"{symbol} ({language})"
    stem = symbols.file_stem(symbol, language)
    path = corpus / f"{stem}.{'docx' if word else 'pdf'}"
    json_path = corpus / f"{stem}.json"
    if not force and path.exists() and json_path.exists():
        return Fetched(symbol, language, path, json_path, None)
    url = document_url(symbol, language, word=word, base_url=base_url)
    data, content_type = download(url, what=what, timeout=timeout, retries=retries, backoff=backoff, sleep=sleep,
                                  deadline=deadline, allow_hosts=allow_hosts)
    _check_body(data, content_type, word, what)
    try:
        res = read_bytes(data, path.name, source=path.name, language=language)
    except ResodiffError as exc:
        raise FetchError(f"{what}: downloaded, but {exc}") from None
    warning = None
    if res.symbol and res.symbol != symbol:
        warning = f"{what}: the text served says it is {res.symbol}"
    text = json.dumps(res.to_json(), ensure_ascii=False, indent=2) + "\n"
    _store(corpus, {path: data, json_path: text.encode("utf-8")})
    return Fetched(symbol, language, path, json_path, res, warning)


def download(url: str, *, what: str, timeout: float = 30.0, retries: int = 3, backoff: float = 1.0,
             sleep: Callable[[float], None] = time.sleep, deadline: float = DEADLINE,
             allow_hosts: tuple[str, ...] = ()) -> tuple[bytes, str]:
    """The body and content type at ``url``; timeouts and 5xx are tried again after
    ``backoff``, 2 x ``backoff``, 4 x ... seconds, ``retries`` times.

    Each read waits at most ``timeout``; the whole of one try must end within ``deadline``
    (a server sending a byte a second is given up). Redirects are followed only to the
    scheme and host of ``url``, or over https to a host in ``allow_hosts``.
    """
    host = urlsplit(url).netloc or url
    request = Request(url, headers={"User-Agent": f"resodiff/{__version__}",
                                    "Accept": "application/pdf, application/vnd.openxmlformats-officedocument"
                                              ".wordprocessingml.document, */*;q=0.1"})
    opener = build_opener(_Redirects(url, allow_hosts, what))
    reason = ""
    for attempt in range(retries + 1):
        if attempt:
            sleep(backoff * 2 ** (attempt - 1))
        try:
            with opener.open(request, timeout=timeout) as response:
                content_type = response.headers.get_content_type()
                return _body(response, what, time.monotonic() + deadline, deadline), content_type
        except HTTPError as exc:
            if exc.code == 404:
                raise FetchError(f"{what}: not found in the UN document system (HTTP 404)") from None
            if exc.code < 500 and exc.code != 429:
                raise FetchError(f"{what}: the server refused the request (HTTP {exc.code} {exc.reason})") from None
            reason = f"server error (HTTP {exc.code})"
        except TimeoutError:
            reason = f"no answer within {timeout:g} s"
        except URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                reason = f"no answer within {timeout:g} s"
            elif isinstance(exc.reason, socket.gaierror):
                raise FetchError(f"{what}: cannot reach {host}: no network? (name lookup failed)") from None
            else:
                detail = getattr(exc.reason, "strerror", None) or str(exc.reason)
                raise FetchError(f"{what}: cannot reach {host}: offline? ({detail})") from None
        except (ConnectionError, http.client.HTTPException) as exc:
            reason = f"connection dropped ({type(exc).__name__})"
    tries = f"{retries + 1} tries" if retries else "1 try"
    raise FetchError(f"{what}: {reason}; gave up after {tries}")


def _body(response, what: str, until: float, deadline: float) -> bytes:
    """The response's body, at most MAX_BYTES, read by pieces against the clock."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = response.read1(64 * 1024)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > readers.MAX_BYTES:
            raise FetchError(f"{what}: the server sent more than {readers.MAX_BYTES // (1024 * 1024)} MB; not a resolution")
        if time.monotonic() > until:
            raise FetchError(f"{what}: the download took more than {deadline:g} s (--deadline); gave up")


class _Redirects(HTTPRedirectHandler):
    """Follow a redirect only to where the document system is, or to an allowed https host."""

    def __init__(self, url: str, allow_hosts: tuple[str, ...], what: str) -> None:
        parts = urlsplit(url)
        self.home = (parts.scheme, parts.netloc.lower())
        self.allow = {h.lower() for h in allow_hosts}
        self.what = what

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        parts = urlsplit(newurl)
        target = (parts.scheme, parts.netloc.lower())
        if target != self.home and not (parts.scheme == "https" and (parts.hostname or "") in self.allow):
            raise FetchError(f"{self.what}: the server redirects to {newurl[:120]}, which is not "
                             f"{self.home[0]}://{self.home[1]} (--allow-host HOST allows another https host)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _check_body(data: bytes, content_type: str, word: bool, what: str) -> None:
    """The body must be the document asked for, not an error page or a truncated file."""
    kind = sniff(data)
    wanted = "docx" if word else "pdf"
    if kind == wanted:
        return
    expected = "the Word file" if word else "the PDF"
    if not data.strip():
        raise FetchError(f"{what}: the server sent an empty body instead of {expected}")
    if kind == "html" or content_type in ("text/html", "application/xhtml+xml"):
        raise FetchError(f"{what}: the server sent a web page instead of {expected} (symbol unknown, or an error page)")
    if word and kind == "ole":
        raise FetchError(f"{what}: only an old Word 97 (.doc) file exists, which resodiff cannot read; fetch the PDF")
    raise FetchError(f"{what}: the server sent {content_type or 'something else'} instead of {expected}")


def _store(folder: Path, files: dict[Path, bytes]) -> None:
    """Write every file or none (``output.atomic_write_all``)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FetchError(f"{folder}: cannot create the corpus folder ({exc.strerror or exc})") from None
    try:
        atomic_write_all(files, force=True)
    except OutputError as exc:
        raise FetchError(f"cannot store in the corpus folder: {exc}") from None


# ---- series ------------------------------------------------------------------------------
