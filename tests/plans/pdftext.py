"""Pull the text out of an fpdf2 PDF written with a core font (pure Python, no poppler)."""

import re
import zlib

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_STRING = re.compile(rb"\((?:\\.|[^\\)])*\)")


def pdf_text(data: bytes) -> str:
    chunks = []
    for raw in _STREAM.findall(data):
        try:
            content = zlib.decompress(raw)
        except zlib.error:
            content = raw
        for literal in _STRING.findall(content):
            body = literal[1:-1]
            body = re.sub(rb"\\([()\\])", rb"\1", body)
            chunks.append(body.decode("latin-1"))
    return " ".join(chunks)
