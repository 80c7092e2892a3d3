"""One way in for a file of ownership XML: a document, a submission ``.xml`` or EDGAR's ``.txt``.

Whatever the file, the result is the ownership XML it holds (``XmlSource``) and the line where
it starts; a submission's envelope findings come with it.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.formats.envelope import unwrap
from generator.formats.xmlsource import MAX_XML_BYTES, XmlSource
from generator.support.errors import InputError
from generator.support.files import read_limited


def ownership_xml_from_submission(data: bytes, source: str) -> XmlSource:
    """The ownershipDocument inside an EDGAR submission text (``<XML>`` … ``</XML>`` blocks)."""
    folded = data.lower()  # the tags in any case, found in one pass (no regular expression)
    position = 0
    while (start := folded.find(b"<xml>", position)) >= 0:
        end = folded.find(b"</xml>", start)
        if end < 0:
            break
        block = data[start + len(b"<xml>") : end]
        if b"<ownershipDocument" in block:
            lead = len(block) - len(block.lstrip())
            offset = data.count(b"\n", 0, start + len(b"<xml>") + lead)
            return XmlSource(block.strip(), offset)
        position = end
    raise InputError(
        f"{source}: no <XML> block with an ownershipDocument was found; "
        "give the ownership XML itself or the full submission text from EDGAR"
    )


def read_xml_source(path: str | Path) -> XmlSource:
    """The ownership XML of a file (``.txt`` submissions are unwrapped)."""
    try:
        data = read_limited(path, MAX_XML_BYTES)  # never more, whatever the file's size
    except OSError as err:
        raise InputError(f"{path}: cannot be read: {err.strerror or err}") from None
    if data is None:
        raise InputError(
            f"{path}: the file is larger than 20 MB, larger than any ownership document "
            "(sec16 reads at most 20 MB); check that this is the right file"
        )
    if os.path.splitext(path)[1].lower() == ".txt":
        return ownership_xml_from_submission(data, str(path))
    # A submission .xml (its primary document is base64 text, so no <ownershipDocument tag
    # comes before its root element); the search stops at the ownership root when there is one.
    root_at = data.find(b"<ownershipDocument", 0, 65536)
    if data.find(b"<edgarSubmission", 0, root_at if root_at >= 0 else 65536) >= 0:
        return unwrap(data, str(path)) or XmlSource(data)
    return XmlSource(data)
