#!/usr/bin/env python3
"""Build a small, reproducible WARC/1.1 file around one HTML page.

The output holds three records, each compressed as its own gzip member:
a warcinfo record, the HTTP request and the HTTP/1.1 200 response carrying
the page. Record IDs are derived from the target URI and dates are fixed by
the command line, so the same inputs always give the same bytes.

Regenerate the example corpus file (from the repository root):

    python3 examples/tools/mkwarc.py \
        examples/tools/warc-src/meridian-2026-04-15-port-chief-resigns.html \
        https://www.meridianwire.example/valmora/valmora-port-authority-chief-resigns-2026-04-15/ \
        examples/corpus/meridian-wire/crawl.warc.gz

Check a WARC file (record headers, Content-Length of every block, the
HTTP Content-Length of the response and the block digests):

    python3 examples/tools/mkwarc.py --verify examples/corpus/meridian-wire/crawl.warc.gz

Standard library only.
"""

import argparse
import base64
import gzip
import hashlib
import io
import os
import sys
import uuid
import zlib
from email.utils import format_datetime
from datetime import datetime, timezone
from urllib.parse import urlsplit

CRLF = b"\r\n"
NAMESPACE = uuid.UUID("6f1d3a52-8f0e-4c1b-9d7e-3b6c2a9e5d10")  # fixed, arbitrary


def record_id(*parts):
    return "<urn:uuid:%s>" % uuid.uuid5(NAMESPACE, "|".join(parts))


def sha1_digest(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def record(headers, block):
    """One WARC record: version line, headers, blank line, block, CRLF CRLF."""
    lines = [b"WARC/1.1"]
    for name, value in headers:
        lines.append(("%s: %s" % (name, value)).encode("utf-8"))
    lines.append(("Content-Length: %d" % len(block)).encode("ascii"))
    return CRLF.join(lines) + CRLF + CRLF + block + CRLF + CRLF


def gzip_member(data):
    buf = io.BytesIO()
    # mtime=0 and no file name keep the output byte-for-byte reproducible.
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as gz:
        gz.write(data)
    return buf.getvalue()


def build(html_path, uri, out_path, date, ip):
    payload = open(html_path, "rb").read()
    when = datetime.strptime(date, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    warc_date = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    http_date = format_datetime(when, usegmt=True)
    parts = urlsplit(uri)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query

    info_id = record_id("warcinfo", os.path.basename(out_path), warc_date)
    req_id = record_id("request", uri, warc_date)
    resp_id = record_id("response", uri, warc_date)

    info_block = CRLF.join([
        b"software: dossier examples/tools/mkwarc.py",
        b"format: WARC File Format 1.1",
        b"conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
        b"isPartOf: dossier-example-corpus",
        b"description: Fictional example page written for the Dossier project",
        b"robots: obey",
    ]) + CRLF

    req_block = CRLF.join([
        ("GET %s HTTP/1.1" % path).encode("ascii"),
        ("Host: %s" % parts.netloc).encode("ascii"),
        b"User-Agent: DossierExampleCrawler/0.1 (+https://dossier.example/bot)",
        b"Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
        b"Accept-Encoding: identity",
        b"Connection: close",
    ]) + CRLF + CRLF

    resp_head = CRLF.join([
        b"HTTP/1.1 200 OK",
        ("Date: %s" % http_date).encode("ascii"),
        b"Server: nginx",
        b"Content-Type: text/html; charset=utf-8",
        ("Content-Length: %d" % len(payload)).encode("ascii"),
        b"Cache-Control: max-age=300",
        b"Connection: close",
    ]) + CRLF + CRLF
    resp_block = resp_head + payload

    out = b""
    out += gzip_member(record([
        ("WARC-Type", "warcinfo"),
        ("WARC-Record-ID", info_id),
        ("WARC-Date", warc_date),
        ("WARC-Filename", os.path.basename(out_path)),
        ("Content-Type", "application/warc-fields"),
    ], info_block))
    out += gzip_member(record([
        ("WARC-Type", "request"),
        ("WARC-Record-ID", req_id),
        ("WARC-Date", warc_date),
        ("WARC-Target-URI", uri),
        ("WARC-Warcinfo-ID", info_id),
        ("WARC-Concurrent-To", resp_id),
        ("WARC-Block-Digest", sha1_digest(req_block)),
        ("Content-Type", "application/http; msgtype=request"),
    ], req_block))
    out += gzip_member(record([
        ("WARC-Type", "response"),
        ("WARC-Record-ID", resp_id),
        ("WARC-Date", warc_date),
        ("WARC-Target-URI", uri),
        ("WARC-Warcinfo-ID", info_id),
        ("WARC-IP-Address", ip),
        ("WARC-Block-Digest", sha1_digest(resp_block)),
        ("WARC-Payload-Digest", sha1_digest(payload)),
        ("Content-Type", "application/http; msgtype=response"),
    ], resp_block))
    with open(out_path, "wb") as f:
        f.write(out)
    return out


def members(data):
    """Split concatenated gzip members, returning each decompressed member."""
    out = []
    while data:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out.append(d.decompress(data) + d.flush())
        data = d.unused_data
    return out


def verify(path):
    ok = True
    raw = open(path, "rb").read()
    for i, rec in enumerate(members(raw), 1):
        head, sep, rest = rec.partition(CRLF + CRLF)
        if not sep:
            print("record %d: no header terminator" % i)
            return False
        lines = head.split(CRLF)
        if lines[0] != b"WARC/1.1":
            print("record %d: bad version line %r" % (i, lines[0]))
            ok = False
        fields = {}
        for line in lines[1:]:
            name, _, value = line.decode("utf-8").partition(":")
            fields[name.strip().lower()] = value.strip()
        for need in ("warc-type", "warc-record-id", "warc-date", "content-length", "content-type"):
            if need not in fields:
                print("record %d: missing %s" % (i, need))
                ok = False
        n = int(fields["content-length"])
        block, tail = rest[:n], rest[n:]
        status = "ok"
        if tail != CRLF + CRLF:
            status = "BAD (block is %d bytes, then %r)" % (n, tail[:8])
            ok = False
        if "warc-block-digest" in fields and fields["warc-block-digest"] != sha1_digest(block):
            status += " BAD block digest"
            ok = False
        extra = ""
        if fields["warc-type"] == "response":
            hhead, _, body = block.partition(CRLF + CRLF)
            hl = hhead.split(CRLF)
            hf = {}
            for line in hl[1:]:
                name, _, value = line.decode("latin-1").partition(":")
                hf[name.strip().lower()] = value.strip()
            if int(hf.get("content-length", -1)) != len(body):
                extra = " BAD HTTP Content-Length %s != %d" % (hf.get("content-length"), len(body))
                ok = False
            else:
                extra = " [%s; %s; HTTP body %d bytes]" % (hl[0].decode(), hf.get("content-type"), len(body))
            if fields.get("warc-payload-digest") not in (None, sha1_digest(body)):
                extra += " BAD payload digest"
                ok = False
        print("record %d: %-8s %s Content-Length %d %s%s" % (
            i, fields["warc-type"], fields["warc-record-id"], n, status, extra))
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--verify", metavar="WARC", help="check an existing WARC file and exit")
    ap.add_argument("html", nargs="?", help="HTML file to wrap as the response payload")
    ap.add_argument("uri", nargs="?", help="target URI of the page")
    ap.add_argument("out", nargs="?", help="output .warc.gz path")
    ap.add_argument("--date", default="2026-04-15T20:15:07Z", help="capture time, UTC (default %(default)s)")
    ap.add_argument("--ip", default="192.0.2.44", help="server address recorded (default %(default)s)")
    a = ap.parse_args()
    if a.verify:
        sys.exit(0 if verify(a.verify) else 1)
    if not (a.html and a.uri and a.out):
        ap.error("html, uri and out are required unless --verify is given")
    build(a.html, a.uri, a.out, a.date, a.ip)
    sys.exit(0 if verify(a.out) else 1)


if __name__ == "__main__":
    main()
