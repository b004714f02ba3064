"""Every error newsprism raises on purpose, with a code and a hint that says what to do.

The hierarchy (catch the narrowest that fits)::

    NewsprismError
    ├── InputRejected      one input (file, line, record) could not become an article
    ├── StageFailed        one analysis stage failed on one article (recorded, batch goes on)
    ├── StoreError         the database could not be opened, migrated or written
    │   ├── NotFound       an id that the database does not hold
    │   └── StaleRecord    a stored record in a format this version does not read
    ├── QueryTooCostly     a search ran past its time budget (E202)
    │   └── PageTooSlow    a web page ran past its time budget
    ├── ConfigError        an argument or setting is out of range (also a ValueError)
    ├── FetchError         a URL could not be fetched (`watch`), with a `FetchReason`
    └── JobError           a batch job (Spark) could not finish
        └── ComponentsDidNotConverge   connected components did not settle
"""

from __future__ import annotations

from enum import StrEnum


class RejectReason(StrEnum):
    """Why an input did not become an article. Stored in the `rejects` table."""

    EMPTY = "empty"
    BINARY = "binary"
    TOO_LARGE = "too-large"
    UNDECODABLE = "undecodable"
    TRUNCATED = "truncated"
    BAD_JSON = "bad-json"
    BAD_RECORD = "bad-record"
    BAD_WARC = "bad-warc"
    BAD_FEED = "bad-feed"
    UNSAFE_XML = "unsafe-xml"
    NO_TEXT = "no-text"
    UNSUPPORTED = "unsupported-type"
    NOT_FOUND = "not-found"
    UNREADABLE = "unreadable"
    NO_ARTICLE = "no-article"
    NOT_AN_ARTICLE = "not-an-article"
    TOO_SHORT = "too-short"
    FETCH_FAILED = "fetch-failed"
    BAD_FRONT_MATTER = "bad-front-matter"
    ANALYSIS_FAILED = "analysis-failed"


# What to do about each reason; shown beside the reject.
REJECT_HINTS: dict[RejectReason, str] = {
    RejectReason.EMPTY: "the input holds no bytes or only whitespace; check what produced it",
    RejectReason.BINARY: "the bytes are not text (NUL bytes found); pass text, HTML, JSON or WARC",
    RejectReason.TOO_LARGE: "raise --max-bytes if the input is really one article",
    RejectReason.UNDECODABLE: "the bytes fit no text encoding; re-export the file as UTF-8",
    RejectReason.TRUNCATED: "the compressed stream ends early; download the file again",
    RejectReason.BAD_JSON: "the line is not valid JSON; fix or drop it",
    RejectReason.BAD_RECORD: "the JSON holds no article (needs 'maintext' or 'text')",
    RejectReason.BAD_WARC: "the WARC file could not be read; check that it is WARC 1.0/1.1",
    RejectReason.BAD_FEED: "the feed could not be parsed as RSS or Atom",
    RejectReason.UNSAFE_XML: "the XML declares entities or external references; not expanded",
    RejectReason.NO_TEXT: "no article text found; the page may be an index or need JavaScript",
    RejectReason.UNSUPPORTED: "use .txt .html .htm .json .jsonl .warc .warc.gz .xml .rss or .atom",
    RejectReason.NOT_FOUND: "the path does not exist or the glob matched nothing",
    RejectReason.UNREADABLE: "the file could not be read (permissions or I/O error)",
    RejectReason.NO_ARTICLE: "the input was read but held no article (an empty list or record)",
    RejectReason.NOT_AN_ARTICLE: (
        "not a news article (a shop, recipe or product page, an index page, a cookie wall); "
        "ingest with --no-gate to keep it anyway"
    ),
    RejectReason.TOO_SHORT: (
        "shorter than an article (under 100 characters of text); ingest with --no-gate to "
        "keep it anyway"
    ),
    RejectReason.FETCH_FAILED: (
        "the page could not be fetched (network, HTTP status, robots.txt or size limit); "
        "check the URL or try again later"
    ),
    RejectReason.BAD_FRONT_MATTER: (
        "the block between the '---' lines at the top of the .txt file could not be read; "
        "use 'key: value' lines with title, date, url, outlet, author or language"
    ),
    RejectReason.ANALYSIS_FAILED: (
        "the article is stored without this stage's annotations; please report the input "
        "with the message so that the stage can be fixed"
    ),
}


class NewsprismError(Exception):
    """Base class; `code` is stable across releases so that scripts can match on it."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class InputRejected(NewsprismError):
    """One input could not become an article; the batch goes on."""

    code = "E100"

    def __init__(
        self, reason: RejectReason, source: str, detail: str, locator: str | None = None
    ) -> None:
        where = f"{source}:{locator}" if locator else source
        super().__init__(f"{where}: {reason.value}: {detail} (hint: {REJECT_HINTS[reason]})")
        self.reason = reason
        self.source = source
        self.locator = locator
        self.detail = detail


class StageFailed(NewsprismError):
    """One per-article stage (normalising, analysis, features, clustering, comparison) failed
    on one article; the article keeps what the earlier stages found and the batch goes on."""

    code = "E110"

    def __init__(self, stage: str, subject: str, error: BaseException) -> None:
        self.stage = stage
        self.subject = subject
        self.reason = f"{type(error).__name__}: {error}"[:500]
        self.detail = f"stage {stage!r} failed: {self.reason}"  # as listed among the rejects
        super().__init__(f"{subject}: {self.detail}")


class StoreError(NewsprismError):
    """The database could not be opened, migrated or written."""

    code = "E200"


class NotFound(StoreError):
    """An id the database does not hold."""

    code = "E201"

    def __init__(self, kind: str, ident: str) -> None:
        listing = "stories" if kind == "story" else kind + "s"
        super().__init__(
            f"no {kind} with id {ident!r} in this database; list them with `newsprism {listing}`"
        )
        self.kind = kind
        self.ident = ident


class StaleRecord(StoreError):
    """A stored record (a story's comparison) is in a format this version does not read: an
    older or newer release wrote it. Callers treat it as absent and compute it afresh."""

    code = "E203"

    def __init__(self, kind: str, problem: str) -> None:
        super().__init__(
            f"the stored {kind} cannot be read ({problem}); it is computed afresh, "
            "and the next ingest or watch run stores it again"
        )
        self.kind = kind
        self.problem = problem


class ConfigError(NewsprismError, ValueError):
    """An argument or setting is out of range (a ValueError too, as Python code expects)."""

    code = "E300"


class FetchReason(StrEnum):
    """Why a URL could not be fetched (`watch`); stored with the feed's and the page's state."""

    TIMEOUT = "timeout"
    NETWORK = "network"
    HTTP_ERROR = "http-error"
    TOO_LARGE = "too-large"
    REDIRECTS = "redirects"
    ROBOTS = "robots"
    CONTENT_TYPE = "content-type"
    BAD_URL = "bad-url"
    ENCODING = "encoding"


class FetchError(NewsprismError):
    """A URL could not be fetched; `status` is the HTTP status when the server answered."""

    code = "E500"

    def __init__(
        self, reason: FetchReason, url: str, detail: str, status: int | None = None
    ) -> None:
        super().__init__(f"{url}: {reason.value}: {detail}")
        self.reason = reason
        self.url = url
        self.detail = detail
        self.status = status


class JobError(NewsprismError):
    """A batch job (the Spark job) could not finish; nothing partial is left as current."""

    code = "E400"


class ComponentsDidNotConverge(JobError):
    """Connected components (near-duplicate groups, stories across windows) did not settle."""

    code = "E401"


class QueryTooCostly(NewsprismError):
    """A search ran past its time budget (FTS5 syntax can ask for a great deal of work)."""

    code = "E202"

    def __init__(self, query: str, seconds: float) -> None:
        super().__init__(
            f"the search {query[:80]!r} took longer than {seconds:g} s and was stopped; "
            "use fewer prefix terms (word*), NEAR groups or ORs"
        )
        self.query = query


class PageTooSlow(QueryTooCostly):
    """A web page ran past its time budget: E202 like a costly search, but the client asked
    for nothing unusual (the server is busy or the database large), so it may ask again."""

    def __init__(self, path: str, seconds: float, retry_after: float) -> None:
        # Not QueryTooCostly's message: its advice (fewer prefix terms) is for searches.
        NewsprismError.__init__(
            self,
            f"the page {path!r} took longer than {seconds:g} s and was not finished; "
            f"try again in {retry_after:g} s",
        )
        self.query = path
