"""Naming the encoding a file that is not UTF-8 is most likely in, for the message that refuses it.

Every file the workbench reads is UTF-8. A file that is not was most often
saved by Notepad or Excel in the machine's own encoding: Windows-1256 on a
Persian or Arabic Windows, Windows-1252 on a Western one, or UTF-16 ("Unicode"
in Windows' save dialog). Telling which lets the message say what the person
sees in their editor's menu. It is a guess for a message, never a decoding:
nothing is read in the encoding guessed.
"""

from __future__ import annotations

#: Bytes looked at: enough for a line or two of text, cheap for any file.
_SAMPLE = 4096


def likely_encoding(data: bytes) -> str:
    """Return the name of the encoding *data*, which is not UTF-8, is most likely in.

    >>> likely_encoding("شوراهای کارگری".encode("utf-16"))
    'UTF-16'
    >>> zipped = b"PK" + bytes([3, 4, 0, 0]) + b"zip" + bytes(2)  # NULs on both sides
    >>> likely_encoding("Strike committee".encode("utf-16-le")), likely_encoding(zipped)
    ('UTF-16', 'Windows-1252')
    >>> likely_encoding("en,fa\\ncouncil,شوراي کارگري".encode("cp1256"))  # ي for ی
    'Windows-1256'
    >>> likely_encoding("Comité de grève".encode("cp1252"))
    'Windows-1252'
    """
    sample = data[:_SAMPLE]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if max(even, odd) * 10 >= len(sample) // 2 > 0 and min(even, odd) * 10 <= max(even, odd):
        # Latin text in UTF-16 without a byte order mark: a NUL as every other byte
        # (the high half of each letter), always on the same side; a binary file's
        # NULs fall on both.
        return "UTF-16"
    # Arabic-script words are runs of high bytes (every letter is one); in Western
    # text a high byte is an accented letter among ASCII ones (grève, Größe).
    high = in_runs = run = 0
    for b in sample + b" ":
        if b >= 0x80:
            run += 1
            continue
        high += run
        in_runs += run if run >= 3 else 0
        run = 0
    if high and in_runs * 2 > high:
        return "Windows-1256"
    return "Windows-1252"
