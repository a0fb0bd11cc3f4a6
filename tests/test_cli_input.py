"""What the command line reads, refused early when it cannot end well: FIFOs and devices, endless or
huge standard input, standard input that is not UTF-8.  Each ends in one line and a non-zero exit."""

import io
import os
import subprocess
import sys
import threading

import pytest

from llmtimeline.cli import _input, main

HEADER = "id,type,date,actor,kind,subject,title,source\n"
ROW = "e{},event,2024-04-18,Meta,release,llama-3,Llama 3,Meta\n"
LIMIT = 60  # seconds a subprocess may take before the test fails (it would hang without the fix)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err):
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def cli(*argv, **kwargs):
    return subprocess.run([sys.executable, "-m", "llmtimeline.cli", *argv], capture_output=True, timeout=LIMIT,
                          **kwargs)


class Stdin(io.TextIOWrapper):
    """Standard input over given bytes."""

    def __init__(self, data: bytes):
        super().__init__(io.BytesIO(data), encoding="utf-8")


class Endless(io.RawIOBase):
    """A stream that never ends; counts what was read from it."""

    def __init__(self):
        self.served = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        n = len(buffer)
        buffer[:n] = (ROW.format(0).encode() * (n // 40 + 1))[:n]
        self.served += n
        return n


# -- paths: regular files only, checked before anything is opened ----------------------------------


@pytest.mark.slow  # a process of its own: a FIFO would block this one forever
@pytest.mark.parametrize("command", ["validate", "check", "report", "export"])
def test_a_fifo_is_refused_at_once(tmp_path, command):
    fifo = tmp_path / "events.csv"
    os.mkfifo(fifo)
    extra = {"export": ["--format", "ics"], "report": ["--no-plot"]}.get(command, [])
    done = cli(command, str(fifo), *extra, text=True)
    assert done.returncode == 1
    line = one_line(done.stderr)
    assert line == f"{fifo}: cannot read the file: it is a FIFO (named pipe), not a regular file " \
                   "(to read a stream, pipe it to '-')"


@pytest.mark.slow  # a process of its own: /dev/zero never ends
def test_dev_zero_is_refused_without_memory_error():
    done = cli("validate", "/dev/zero", text=True)
    assert done.returncode == 1
    assert "it is a device, not a regular file" in one_line(done.stderr) and "MemoryError" not in done.stderr


def test_folders_and_missing_files_are_one_line(capsys, tmp_path):
    code, _, err = run(capsys, "check", str(tmp_path))
    assert code == 1 and "it is a directory, not a regular file" in one_line(err)
    code, _, err = run(capsys, "validate", str(tmp_path / "nope.csv"))
    assert code == 1 and one_line(err) == f"{tmp_path / 'nope.csv'}: cannot read the file: No such file or directory"


# -- standard input: bounded, UTF-8 --------------------------------------------------------------


def test_standard_input_is_read(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", Stdin((HEADER + ROW.format(1)).encode()))
    code, out, err = run(capsys, "validate", "-")
    assert code == 0 and out.startswith("<stdin>: OK, 1 records") and err == ""


def test_an_endless_stream_is_refused_in_bounded_memory(monkeypatch):
    monkeypatch.setenv("LLMTIMELINE_STDIN_MB", "3")
    stream = Endless()
    with pytest.raises(Exception) as info:
        _input.read_input("-", stdin=io.BufferedReader(stream))
    assert "longer than 3 MB" in str(info.value)
    assert stream.served <= 3 * 2**20 + 2 * 2**20  # read up to the limit and a chunk, never more


def test_the_documented_default_limit():
    assert _input.STDIN_LIMIT_MB == 128 and _input.stdin_limit() == 128 * 2**20


def test_too_long_standard_input_is_one_line(capsys, monkeypatch):
    monkeypatch.setenv("LLMTIMELINE_STDIN_MB", "0.0625")  # 64 kB
    monkeypatch.setattr(sys, "stdin", Stdin((HEADER + "".join(ROW.format(i) for i in range(2_000))).encode()))
    code, out, err = run(capsys, "check", "-")
    assert code == 1 and out == ""
    assert one_line(err).startswith("<stdin>: longer than 0.0625 MB, the most '-' reads")


@pytest.mark.parametrize("data", [
    (HEADER + "e1,event,2024,Caf\xe9,release,x,T\xe9,s\n").encode("latin-1"),  # a spreadsheet's Latin-1
    b"\xff\xfe" + (HEADER + ROW.format(1)).encode("utf-16-le"),  # UTF-16
    bytes(range(256)) * 40,  # noise
], ids=["latin-1", "utf-16", "noise"])
def test_standard_input_that_is_not_utf8_is_one_line(capsys, monkeypatch, data):
    for command in ("validate", "check"):
        monkeypatch.setattr(sys, "stdin", Stdin(data))
        code, out, err = run(capsys, command, "-")
        assert code == 1 and out == ""
        assert one_line(err).startswith("<stdin>: not UTF-8: byte 0x")


@pytest.mark.parametrize("argv", [["site", "OUT", "--csv", "-"], ["import", "epoch", "-"]])
def test_site_and_import_read_standard_input_as_every_command_does(capsys, monkeypatch, tmp_path, argv):
    argv = [str(tmp_path / "site") if a == "OUT" else a for a in argv]
    monkeypatch.setattr(sys, "stdin", Stdin(b"id,type\ne1,\xff\n"))
    code, out, err = run(capsys, *argv)
    assert code == 1 and out == "" and one_line(err).startswith("<stdin>: not UTF-8: byte 0xFF on line 2")
    monkeypatch.setenv("LLMTIMELINE_STDIN_MB", "0.0625")  # 64 kB, then a longer stream
    monkeypatch.setattr(sys, "stdin", Stdin((HEADER + "".join(ROW.format(i) for i in range(2_000))).encode()))
    code, out, err = run(capsys, *argv)
    assert code == 1 and one_line(err).startswith("<stdin>: longer than 0.0625 MB")


def test_site_and_import_refuse_a_folder_as_their_file(capsys, tmp_path):
    for argv in (["site", str(tmp_path / "out"), "--csv", str(tmp_path)], ["import", "epoch", str(tmp_path)]):
        code, _, err = run(capsys, *argv)
        assert code == 1 and "it is a directory, not a regular file" in one_line(err)


@pytest.mark.parametrize(("data", "message"), [
    (b"id,type\n\xe2\x82", "<stdin>: not UTF-8: byte 0x82 on line 2"),  # cut inside a character
    (b"id,type\ne1,\x00\x00", "<stdin>: a NUL byte on line 2: this is not CSV text"),
])
def test_a_cut_character_or_a_nul_byte_is_one_line(capsys, monkeypatch, data, message):
    monkeypatch.setattr(sys, "stdin", Stdin(data))
    code, out, err = run(capsys, "validate", "-")
    assert code == 1 and out == "" and one_line(err).startswith(message)


def test_no_standard_input_at_all(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", None)
    code, _, err = run(capsys, "check", "-")
    assert code == 1 and one_line(err) == "<stdin>: there is no standard input to read ('-')"


@pytest.mark.slow  # a process of its own: /dev/zero as standard input ends at its first byte
def test_dev_zero_as_standard_input_ends_at_once():
    with open("/dev/zero", "rb") as zero:
        done = cli("validate", "-", stdin=zero, text=True)
    assert done.returncode == 1 and one_line(done.stderr) == "<stdin>: a NUL byte on line 1: this is not CSV text"


@pytest.mark.slow  # a process of its own, fed by a generator that never stops
def test_validate_dash_on_an_endless_pipe_ends_cleanly():
    proc = subprocess.Popen([sys.executable, "-m", "llmtimeline.cli", "validate", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "LLMTIMELINE_STDIN_MB": "16"})

    def feed():
        block = (HEADER + "".join(ROW.format(i) for i in range(1000))).encode()
        try:
            while True:
                proc.stdin.write(block)
        except (BrokenPipeError, ValueError, OSError):
            pass

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    try:
        proc.wait(timeout=LIMIT)  # its output is one line: no pipe fills up while waiting
    finally:
        if proc.poll() is None:
            proc.kill()
    out, err = proc.stdout.read(), proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    assert proc.returncode == 1 and out == b""
    assert one_line(err.decode()).startswith("<stdin>: longer than 16 MB")
