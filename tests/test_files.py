"""Reading input files: everything up to the limit, never more, from any kind of file."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from generator.support.files import read_limited


def test_a_regular_file_is_read_whole_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "f.xml"
    for data in (b"", b"<a/>", bytes(range(256)) * 1000):
        path.write_bytes(data)
        assert read_limited(path, len(data)) == data
        assert read_limited(str(path), len(data) + 1) == data
        if data:
            assert read_limited(path, len(data) - 1) is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_that_gives_its_bytes_in_pieces_is_read_to_its_end(tmp_path: Path) -> None:
    """A pipe reports no size and returns short reads before its end."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    pieces = [b"<ownershipDocument>", b"<documentType>4</documentType>", b"</ownershipDocument>"]

    def write() -> None:
        try:
            with open(pipe, "wb", buffering=0) as sink:
                for piece in pieces:
                    sink.write(piece)
                    time.sleep(0.05)
        except BrokenPipeError:  # the reader stopped at its limit: as it should
            pass

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert read_limited(pipe, 1000) == b"".join(pieces)
    finally:
        writer.join()
    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert read_limited(pipe, 30) is None  # more than the limit: refused, not cut
    finally:
        writer.join()
