"""`ingest` over files and URLs: read every input, in batches through the run's `Ingestor`.

Every input file or URL has an outcome: articles, or a reject that names it and says why.
URLs are fetched by the `fetcher` of the options (the command line passes the polite fetcher
of `watch`: robots.txt, per-host limits, one retry).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from itertools import chain, islice

from newsprism.errors import InputRejected, RejectReason
from newsprism.ingest.records import ReaderItem, ReadOptions, as_reject
from newsprism.ingest.sources import InputFile, PageFetcher, expand_paths, is_url, read_url
from newsprism.model import Reject
from newsprism.run.ingestor import IngestOptions, Ingestor, IngestProgress, IngestReport
from newsprism.run.prepare import Preparer, workers_for
from newsprism.store.base import Store


def ingest(
    paths: Sequence[str],
    store: Store,
    options: IngestOptions | None = None,
    progress: IngestProgress | None = None,
    command: str = "ingest",
) -> IngestReport:
    """Ingest every article found under `paths` into `store`; bad inputs become rejects."""
    options = options or IngestOptions()
    run_id = store.begin_run(command, list(paths))
    ingestor = Ingestor(store, options, run_id)
    report = ingestor.report
    urls = [argument for argument in paths if is_url(argument)]
    files, missing = expand_paths([argument for argument in paths if not is_url(argument)])
    total_bytes = sum(f.size for f in files)
    if progress is not None:
        progress.start(len(files), total_bytes)
    # Large inputs are prepared (normalised, signed) in a worker process while this one
    # stores: the store has one writer, this process.
    workers = workers_for(total_bytes, options.workers)
    preparer = Preparer(ingestor.prepare_settings(ahead=workers > 0), workers)
    status = "failed"
    try:
        with store.transaction():
            for argument in missing:
                ingestor.reject(Reject(argument, RejectReason.NOT_FOUND, "nothing there"))
        items = chain(
            _fetch_all(urls, options.fetcher, report, options.gate),
            _read_all(
                files, ReadOptions(max_bytes=options.max_bytes, gate=options.gate), report, progress
            ),
        )
        batches = _batches(items, options.batch_size, options.batch_seconds)
        for batch in preparer.prepared(batches):
            ingestor.add_prepared(batch)
            if progress is not None:
                progress.batch_done(report)
        with store.transaction():
            store.apply_user_edits()  # corrections by hand stay on top of what the run decided
        ingestor.compare_changed()
        status = "rejected" if report.rejects else "done"
        return report
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        preparer.close()  # no worker outlives the run
        store.finish_run(run_id, status, report.counts())


def _fetch_all(
    urls: list[str], fetcher: PageFetcher | None, report: IngestReport, gate: bool = True
) -> Iterator[ReaderItem]:
    for url in urls:
        report.files += 1
        if fetcher is None:
            yield Reject(url, RejectReason.UNSUPPORTED, "URLs are read only with a fetcher")
        else:
            yield read_url(url, fetcher, gate=gate)


def _read_all(
    files: list[InputFile],
    read_options: ReadOptions,
    report: IngestReport,
    progress: IngestProgress | None,
) -> Iterator[ReaderItem]:
    for input_file in files:
        report.files += 1
        yield from _read_one(input_file, read_options)
        if progress is not None:
            progress.file_done(input_file, report)


def _read_one(input_file: InputFile, read_options: ReadOptions) -> Iterator[ReaderItem]:
    """Everything one file holds; a file that yields nothing at all becomes a reject, so that
    every input has an outcome."""
    source = str(input_file.path)
    if input_file.reader is None:
        yield Reject(
            source, RejectReason.UNSUPPORTED, f"unknown file type {input_file.path.suffix!r}"
        )
        return
    outcomes = 0
    try:
        for item in input_file.reader(input_file.path, read_options):
            outcomes += 1
            yield item
    except InputRejected as rejected:
        outcomes += 1
        yield as_reject(rejected)
    except Exception as error:  # a library failing on hostile input must not stop the batch
        outcomes += 1
        yield Reject(source, RejectReason.UNREADABLE, f"{type(error).__name__}: {error}")
    if outcomes == 0:
        yield Reject(source, RejectReason.NO_ARTICLE, "the file was read but held no article")


def _batches(items: Iterator[ReaderItem], size: int, seconds: float) -> Iterator[list[ReaderItem]]:
    """Up to `size` items, or fewer when reading them took longer than `seconds`."""
    while True:
        started = time.monotonic()
        batch: list[ReaderItem] = []
        for item in islice(items, size):
            batch.append(item)
            if time.monotonic() - started > seconds:
                break
        if not batch:
            return
        yield batch
