"""The command line's files written so that nothing is destroyed: never over one of its inputs, and always whole."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile


def _identity(name: str) -> tuple[int, int] | None:
    try:
        info = os.stat(name)
    except (OSError, ValueError):  # missing, unreadable, or a name with a NUL character
        return None
    return info.st_dev, info.st_ino


def input_named(output: str, inputs: list[str]) -> str | None:
    """The input that ``output`` would write over, or None: the same file by device and inode (a hard link, a
    symbolic link or another spelling of the path) or, for a file not there yet, by resolved path."""
    if output == "-":
        return None
    target = _identity(output)
    for name in inputs:
        if target is not None and target == _identity(name):
            return name
        with contextlib.suppress(OSError, ValueError):
            if os.path.realpath(output) == os.path.realpath(name):
                return name
    return None


def write_whole(name: str, data: bytes) -> None:
    """Write ``data`` to the file ``name`` all or nothing: into a temporary file in the same folder, flushed to
    disk, then renamed over the old one (os.replace is atomic on one file system). A write cut short (a full disk,
    a file-size limit) leaves the old file as it was, and two writers at once leave one whole file, never a mix.

    A symbolic link is written through (its target is replaced); something that is not a file (a FIFO, a device
    such as /dev/stdout) cannot be renamed over, and is written directly. Raises OSError, or ValueError for a name
    with a NUL character."""
    target = os.path.realpath(name)
    with contextlib.suppress(FileNotFoundError):
        mode = os.stat(target).st_mode
        if not stat.S_ISREG(mode):
            with open(target, "wb") as stream:
                stream.write(data)
            return
    fd, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".part",
                                     dir=os.path.dirname(target))
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode(target))
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(os.path.dirname(target))


def _mode(target: str) -> int:
    """The permissions the file keeps (mkstemp makes its file private): the old file's, or a new file's under the
    umask."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_folder(folder: str) -> None:
    """The rename itself flushed to disk, where the system allows a folder to be opened (not on Windows)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
