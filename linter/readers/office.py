"""Word processor files reportlint does not read itself (.doc, .wps, .rtf, .odt …): converted
to .docx by LibreOffice (`soffice`) when it is on the PATH, then read as a .docx; the
document keeps the original's path, so findings name it.

Each conversion runs headless in a temporary folder with a profile of its own
(-env:UserInstallation), so runs never share one or wait on each other, and is stopped after
TIME_LIMIT seconds. Without soffice the file is the input error naming the command, as before.
"""

import os
from pathlib import Path, PurePath

from linter.errors import UserError
from linter.readers import CONVERTIBLE, conversion_error

NAME = "office"
SUFFIXES = tuple(suffix for suffix, target in CONVERTIBLE.items() if target == "docx")
TIME_LIMIT = 120  # seconds; a conversion takes about 6 s, most of it starting a fresh profile
_converted = {}  # sha256 of a file's bytes -> its .docx, so --annotate does not convert it again


def soffice():
    """LibreOffice's command, or None when it is not installed."""
    import shutil  # here and below: this module is imported by every run, which rarely converts

    return shutil.which("soffice") or shutil.which("libreoffice")


def read(data: bytes, path, options):
    from linter.readers import docx

    return docx.read(to_docx(data, path), path, options)


def to_docx(data: bytes, path) -> bytes:
    """The file's bytes converted to a .docx by LibreOffice; a UserError when it cannot be."""
    import hashlib
    import signal
    import subprocess
    import tempfile

    command = soffice()
    if command is None:
        raise conversion_error(path)
    key = hashlib.sha256(data).hexdigest()
    if key in _converted:
        return _converted[key]
    suffix = PurePath(str(path)).suffix.lower()
    with tempfile.TemporaryDirectory(prefix="reportlint-soffice-") as folder:
        folder = Path(folder)
        source = folder / f"input{suffix}"
        source.write_bytes(data)
        process = subprocess.Popen([command, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
                                    "--convert-to", "docx", "--outdir", str(folder / "out"), str(source)],
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            _, errors = process.communicate(timeout=TIME_LIMIT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # soffice starts soffice.bin: stop the whole group it leads
            process.communicate()
            raise UserError(path, f"LibreOffice did not convert it to .docx within {TIME_LIMIT} s") from None
        result = folder / "out" / "input.docx"
        if process.returncode != 0 or not result.exists():
            why = next((line for line in reversed(errors.decode("utf-8", "replace").splitlines()) if "javaldx" not in line), "")
            raise UserError(path, f"LibreOffice could not convert it to .docx (exit status {process.returncode}{': ' + why if why else ''})")
        converted = result.read_bytes()
    if len(_converted) >= 16:
        _converted.clear()
    _converted[key] = converted
    return converted
