#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Writes the fuzz harness's seed corpus: the bytes each case of the hostile
# VNC server sends (tests/fixtures/hostile-vnc), plus a well-behaved session
# with an update in each encoding the view asks for.
#   seeds.py DIR
import os
import struct
import sys
import zlib

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "fixtures", "hostile-vnc"))
import importlib.util  # noqa: E402

spec = importlib.util.spec_from_file_location(
    "hostile", os.path.join(here, "..", "fixtures", "hostile-vnc", "hostile-vnc.py"))
hostile = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hostile)
hostile.HOLD_S = 0
hostile.time.sleep = lambda s: None


class Recorder:
    """A socket that records what the server sends and feeds it replies."""

    def __init__(self):
        self.sent = bytearray()
        self.budget = 2 * 1024 * 1024

    def sendall(self, data):
        self.sent += data[: max(0, self.budget - len(self.sent))]
        if len(self.sent) >= self.budget:
            raise ConnectionError("enough")

    def recv(self, n):
        # The handshake's short reads get zeros; drain()'s long ones EOF.
        return b"\x00" * n if 0 < n <= 16 else b""


def good_session():
    u16, u32 = hostile.u16, hostile.u32
    out = b"RFB 003.008\n\x01\x01" + u32(0) + hostile.server_init(64, 32)
    out += hostile.update(hostile.rect(0, 0, 8, 8, hostile.RAW)) + b"\x7f" * 256
    out += hostile.update(hostile.rect(8, 0, 8, 8, hostile.COPYRECT)) + u16(0) + u16(0)
    tile = b"\x0e" + b"\x01\x02\x03\x00" + b"\x04\x05\x06\x00" + b"\x02" + b"\x00\x11" + b"\x22\x33"
    out += hostile.update(hostile.rect(16, 0, 16, 16, hostile.HEXTILE)) + tile
    zdata = zlib.compress(b"\x01" + b"\x10\x20\x30")
    out += hostile.update(hostile.rect(0, 16, 16, 16, hostile.ZRLE)) + u32(len(zdata)) + zdata
    out += hostile.update(hostile.rect(0, 0, 80, 40, hostile.DESKTOP_SIZE))
    out += b"\x02" + b"\x03\x00\x00\x00" + u32(5) + b"hello"
    return out


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "good-session"), "wb") as f:
        f.write(good_session())
    for name, (_, fn) in hostile.CASES.items():
        if name.startswith("endless") or name == "stalled":
            continue
        rec = Recorder()
        hostile.threading.Thread = lambda target, args, daemon: type(
            "T", (), {"start": lambda self: None})()
        try:
            fn(rec)
        except (ConnectionError, OSError):
            pass
        with open(os.path.join(out, name), "wb") as f:
            f.write(bytes(rec.sent[:256 * 1024]))


if __name__ == "__main__":
    main()
