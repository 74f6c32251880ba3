"""Finding the inputs of a load: files, folders, globs, compressed files and zip archives.

- A folder is searched recursively, following symbolic links to folders (each real folder is
  read once, so a link loop ends); a glob is expanded the same way (a folder it matches is
  searched like a named folder). Hidden files and folders (``.name``) are ignored.
- A file's format comes from its name: ``SUPPORTED_SUFFIXES``, optionally compressed
  (``x.jsonl.gz``, ``x.csv.bz2``, ``x.json.xz``: the inner format from the inner name), or a
  ``.zip`` archive whose members are read by their own names (``archive.zip/inner/a.jsonl``
  in ``source``). Everything is streamed: nothing is extracted to disk.
- In a folder or archive, files of another type (README.md, images...) are not read; they are
  listed in ``articles.attrs["skipped_files"]``. A file named explicitly must have a known type
  (else it is a rejected record). A folder that cannot be listed and a broken link with a known
  type are rejected records.
"""

from __future__ import annotations

import bz2
import fnmatch
import glob as globmod
import gzip
import io
import lzma
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from ..schema import CorpusError
from .formats import SUPPORTED_SUFFIXES

COMPRESSED_SUFFIXES = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}
ARCHIVE_SUFFIXES = (".zip",)


@dataclass
class Input:
    """One readable input: a file, a decompressed file or an archive member (read by ``readers``)."""

    name: str
    kind: str
    open: Callable[[], BinaryIO]
    path: Path | None = None   # a plain file on disk (Parquet reads it directly)


@dataclass
class _Found:
    """What a source names: files to read, files skipped for their type, and folders or links
    that could not be read, as (source, reason) (internal)."""

    paths: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)


def corpus_reach(entry: str | Path) -> tuple[Path, bool]:
    """``(base, recursive)``: the file or folder a corpus entry names (resolved) and whether
    files in its subfolders are read, so that callers can keep their output out of the input:
    a folder is searched recursively; a glob reads from the folder before its first wildcard,
    into subfolders when a folder part has a wildcard (``**`` or ``*/``)."""
    text = str(Path(entry).expanduser())
    path = Path(text)
    if path.exists() or not globmod.has_magic(text):
        return path.resolve(), path.is_dir()
    parts = path.parts
    first = next(i for i, part in enumerate(parts) if globmod.has_magic(part))
    base = Path(*parts[:first]).resolve() if first else Path.cwd()
    return base, first < len(parts) - 1



def find_overlap(out: str | Path, source: str | Path | Iterable[str | Path]
                 ) -> tuple[str, Path] | None:
    """Where an output folder ``out`` meets the input ``source`` (file, folder, glob or list),
    else None, so that no tool writes into what it reads: ``("same", input)``; ``("inside",
    folder)`` when ``out`` lies where the input is read from (inside a named folder, or under a
    glob that reads subfolders); ``("contains", input)`` when an input folder or file lies
    inside ``out``. Paths are resolved (symlinks followed); every input file is checked too."""
    items = [source] if isinstance(source, (str, Path)) else list(source)
    target = Path(out).expanduser().resolve()
    for item in items:
        place, recursive = corpus_reach(item)
        found = _relation(target, place, recursive or _glob_matches_folder_of(item, place, target))
        if found:
            return found
    for path in find_inputs(items).paths:          # files reached through links, too
        found = _relation(target, path.resolve(), False)
        if found:
            return found
    return None


def _glob_matches_folder_of(item: str | Path, base: Path, target: Path) -> bool:
    """For a glob that reads one folder (``corpus/*``): does it match the folder of ``base``
    that holds ``target``? A matched folder is searched, so ``target`` would be read."""
    if not globmod.has_magic(str(item)) or not target.is_relative_to(base) or target == base:
        return False
    return fnmatch.fnmatchcase(target.relative_to(base).parts[0], Path(item).name)


def _relation(target: Path, place: Path, recursive: bool) -> tuple[str, Path] | None:
    if target == place:
        return "same", place
    if recursive and target.is_relative_to(place):
        return "inside", place
    if place.is_relative_to(target):
        return "contains", place
    return None

def input_kind(name: str) -> tuple[str | None, str | None]:
    """(format, compression suffix) of a file name; format "zip" for an archive, None when the
    type is not supported."""
    lower = name.lower()
    for suffix in COMPRESSED_SUFFIXES:
        if lower.endswith(suffix):
            return SUPPORTED_SUFFIXES.get(Path(lower[:-len(suffix)]).suffix), suffix
    if lower.endswith(ARCHIVE_SUFFIXES):
        return "zip", None
    return SUPPORTED_SUFFIXES.get(Path(lower).suffix), None


def find_inputs(source: str | Path | Iterable[str | Path]) -> _Found:
    """The files ``source`` names (stable order, each real file once), the files skipped for
    their type and the unreadable folders. A path that matches nothing raises
    ``FileNotFoundError``."""
    items = [source] if isinstance(source, (str, Path)) else list(source)
    if not items:
        raise FileNotFoundError("no corpus given")
    found = _Found()
    for item in items:
        p = Path(item).expanduser()
        if p.is_dir():
            _walk(p, found)
        elif p.is_file():
            found.paths.append(p)
        elif globmod.has_magic(str(item)):
            matches = sorted(Path(m) for m in globmod.glob(str(p), recursive=True))
            if not matches:
                raise FileNotFoundError(f"{item}: the pattern matches no file")
            for m in matches:
                if m.is_dir():
                    _walk(m, found)
                elif m.is_file():
                    found.paths.append(m)
        elif p.is_symlink():
            found.problems.append((str(p), "broken symbolic link (its target does not exist)"))
        else:
            raise FileNotFoundError(f"{item}: no such file or folder")
    seen: set[Path] = set()
    found.paths = [p for p in found.paths if not (p.resolve() in seen or seen.add(p.resolve()))]
    return found


def _walk(top: Path, found: _Found) -> None:
    """Add the files of a folder tree (links to folders followed once each) to ``found``."""
    visited: set[tuple[int, int]] = set()
    files: list[Path] = []
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
            if (st.st_dev, st.st_ino) in visited:
                continue
            visited.add((st.st_dev, st.st_ino))
            entries = scan_folder(folder)
        except OSError as exc:
            found.problems.append((str(folder), f"cannot read folder: {exc.strerror or exc}"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            if _is_dir(entry):
                stack.append(path)
            elif input_kind(entry.name)[0] is None:
                found.skipped.append(str(path))
            elif path.exists():
                files.append(path)
            else:
                found.problems.append((str(path), "broken symbolic link (its target does not "
                                                  "exist)"))
    found.paths.extend(sorted(files))
    found.skipped.sort()


def scan_folder(folder: Path) -> list[os.DirEntry]:
    """The entries of ``folder`` sorted by name (raises ``OSError`` when it cannot be listed)."""
    with os.scandir(folder) as it:
        return sorted(it, key=lambda e: e.name)


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()   # follows links to folders
    except OSError:
        return False


def open_inputs(path: Path, *, skipped: list[str]) -> Iterator[Input]:
    """The inputs in one file: itself, its decompressed content, or each member of a zip
    archive (members of an unknown type are added to ``skipped``). Raises ``ValueError`` for
    an unsupported type (``CorpusError``) and ``OSError``/``zipfile.BadZipFile`` for
    unreadable archives. Compressed streams give back what they decoded before a truncation
    (the truncation then raises on the next read)."""
    kind, compression = input_kind(path.name)
    name = str(path)
    if kind is None:
        raise CorpusError(name, None, f"unsupported file type {_suffixes(path.name)!r}; expected one of "
                         f"{sorted(SUPPORTED_SUFFIXES)}, optionally compressed "
                         f"{sorted(COMPRESSED_SUFFIXES)}, or .zip")
    if kind == "zip":
        yield from _zip_members(path, skipped)
    elif compression:
        opener = COMPRESSED_SUFFIXES[compression]
        yield Input(name, kind, lambda: _Salvaging(opener(path, "rb")))
    else:
        yield Input(name, kind, lambda: open_binary(path), path)


def _zip_members(path: Path, skipped: list[str]) -> Iterator[Input]:
    with zipfile.ZipFile(path) as archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            member = info.filename
            parts = [p for p in member.split("/") if p]
            if info.is_dir() or not parts or any(p.startswith((".", "__MACOSX")) for p in parts):
                continue
            name = f"{path}/{member}"
            kind, compression = input_kind(member)
            if kind is None or kind == "zip":
                skipped.append(name)
                continue
            if info.flag_bits & 0x1:
                yield Input(name, kind, _refuse_encrypted)
                continue
            yield Input(name, kind, _member_opener(archive, info, compression))


def _member_opener(archive: zipfile.ZipFile, info: zipfile.ZipInfo,
                   compression: str | None) -> Callable[[], BinaryIO]:
    def open_member() -> BinaryIO:
        stream = archive.open(info)
        return _Salvaging(COMPRESSED_SUFFIXES[compression](stream, "rb") if compression
                          else stream)
    return open_member


class _Salvaging(io.RawIOBase):
    """A decompressing stream read in small steps (``read1``), so the bytes decoded before a
    truncation or corruption are returned; the error is raised on the next read."""

    def __init__(self, stream: BinaryIO):
        super().__init__()
        self._stream, self._error = stream, None

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        parts, n = [], 0
        while size < 0 or n < size:
            try:
                part = self._stream.read1(1 << 16 if size < 0 else min(1 << 16, size - n))
            except (OSError, EOFError, ValueError, zipfile.BadZipFile, lzma.LZMAError) as exc:
                if not parts:
                    raise
                self._error = exc
                break
            if not part:
                break
            parts.append(part)
            n += len(part)
        return b"".join(parts)

    def close(self) -> None:
        self._stream.close()
        super().close()


def _refuse_encrypted() -> BinaryIO:
    raise OSError("encrypted zip member (a password is needed): not read")


def open_binary(path: Path) -> BinaryIO:
    """``path`` opened for reading bytes (raises ``OSError`` when it cannot be read)."""
    return open(path, "rb")


def _suffixes(name: str) -> str:
    return "".join(Path(name).suffixes[-2:]) or "(none)"
