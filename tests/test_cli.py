"""The command line on inputs that need an option: a short KOI8-R page needs --encoding, the
training commands need --out."""

from __future__ import annotations

import subprocess
import sys

import pytest

# A one-line Russian page (a headline on the seed article's subject): too short for the
# encoding detector to be confident, so the user must name the encoding.
PAGE = "Шойгу заявил.\n\nМинистр обороны о цветных революциях.\n"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True,
                          text=True, timeout=300)


@pytest.fixture()
def koi8_page(tmp_path):
    path = tmp_path / "shoigu.txt"
    path.write_bytes(PAGE.encode("koi8-r"))
    return path


def test_load_with_encoding_option_reads_koi8r(koi8_page, tmp_path):
    out = tmp_path / "articles.csv"
    done = _run("load", str(koi8_page), "--encoding", "koi8-r", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "articles loaded: 1" in done.stdout
    assert "Министр обороны о цветных революциях." in out.read_text(encoding="utf-8")


def test_load_without_encoding_is_one_clear_error_line(koi8_page):
    done = _run("load", str(koi8_page))
    assert done.returncode == 2, done.stdout
    lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert "shoigu.txt" in lines[0] and "encoding" in lines[0]


@pytest.mark.parametrize("command, options", [
    ("train-sentiment", ["--data", "train.jsonl"]),
    ("train-quote-filter", ["--gold", "train.jsonl"]),
])
def test_training_commands_need_an_output_path(command, options):
    done = _run(command, *options)
    assert done.returncode == 2 and "--out" in done.stderr


def test_training_command_on_a_missing_file_is_one_error_line(tmp_path):
    done = _run("train-quote-filter", "--gold", str(tmp_path / "none.jsonl"), "--out",
                str(tmp_path / "model.json"))
    assert done.returncode == 2 and done.stderr.startswith("error:") and "none.jsonl" in done.stderr
    assert not (tmp_path / "model.json").exists()
