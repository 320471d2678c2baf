#!/usr/bin/env python3
"""Writes the io test corpus: small valid files and the malformed ones every reader must reject with a clear
message. Run from this folder: python3 make_corpus.py (needs numpy). The outputs are committed; the tests read them."""
import gzip
import struct
import zlib

import numpy as np

# --- valid NumPy arrays -------------------------------------------------------------------------------------
np.save("emb_f32.npy", np.array([[1.5, -2.0], [0.25, 4.0], [3.0, 1e-3]], dtype="<f4"))
np.save("emb_f64_be.npy", np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], dtype=">f8"))
np.save("labels_i64.npy", np.array([3, -1, 7, 0], dtype="<i8"))
np.save("u8.npy", np.array([[0, 255], [128, 1]], dtype="|u1"))

# --- malformed NumPy arrays ---------------------------------------------------------------------------------
full = open("emb_f32.npy", "rb").read()
open("truncated.npy", "wb").write(full[:-5])                      # data cut short
np.save("fortran.npy", np.asfortranarray(np.arange(6, dtype="<f8").reshape(2, 3)))
np.save("three_d.npy", np.zeros((2, 2, 2), dtype="<f4"))
np.save("complex.npy", np.array([1 + 2j, 3 - 1j], dtype="<c16"))
open("bad_magic.npy", "wb").write(b"NUMPY?" + full[6:])

# --- IDX (MNIST layout) ---------------------------------------------------------------------------------------
images = np.arange(3 * 4 * 5, dtype=np.uint8).reshape(3, 4, 5)
labels = np.array([7, 2, 7], dtype=np.uint8)
idx_images = struct.pack(">BBBBiii", 0, 0, 0x08, 3, 3, 4, 5) + images.tobytes()
idx_labels = struct.pack(">BBBBi", 0, 0, 0x08, 1, 3) + labels.tobytes()
open("tiny-images-idx3-ubyte", "wb").write(idx_images)
open("tiny-labels-idx1-ubyte", "wb").write(idx_labels)
open("tinygz-images-idx3-ubyte.gz", "wb").write(gzip.compress(idx_images, mtime=0))
open("tinygz-labels-idx1-ubyte.gz", "wb").write(gzip.compress(idx_labels, mtime=0))
open("truncated-images-idx3-ubyte", "wb").write(idx_images[:-7])
gz = gzip.compress(idx_images, mtime=0)
open("truncatedgz-images-idx3-ubyte.gz", "wb").write(gz[: len(gz) // 2])
# a labels file whose count does not match its images file
open("mismatch-images-idx3-ubyte", "wb").write(idx_images)
open("mismatch-labels-idx1-ubyte", "wb").write(struct.pack(">BBBBi", 0, 0, 0x08, 1, 2) + labels[:2].tobytes())


# --- PNG written by hand (no imaging library needed) --------------------------------------------------------
def png(width, height, gray_rows):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes(row) for row in gray_rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


good_png = png(4, 4, [[0, 64, 128, 255]] * 4)
open("truncated.png", "wb").write(good_png[: len(good_png) - 25])

# --- text tables --------------------------------------------------------------------------------------------
open("empty.csv", "wb").write(b"")
open("blank_lines.csv", "wb").write(b"\n\n\r\n")
open("ragged.csv", "wb").write(b"a,b,c\n1,2,3\n4,5\n6,7,8\n")
open("unclosed_quote.csv", "wb").write(b'a,b\n1,"never closed\n2,3\n')
open("after_quote.csv", "wb").write(b'a,b\n1,"x"y\n')
open("latin1.csv", "wb").write("name,city\nJos\u00e9,Z\u00fcrich\nAnn,Bern\n".encode("latin-1"))
open("binary.csv", "wb").write(bytes(range(256)) * 4)
open("huge_field.csv", "wb").write(b"a,b\n1," + b"x" * 5000 + b"\n")
open("target_missing_column.csv", "wb").write(b"x,y\n1,2\n3,4\n")
open("reference_xyz.csv", "wb").write(b"x,y,z\n1,2,3\n4,5,6\n")
open("not_parquet.parquet", "wb").write(b"this is plainly text, not parquet\n")
open("header_only.csv", "wb").write(b"a,b,c\n")

# --- everyday formats beyond CSV (issue 19): JSON Lines / arrays, .npz, float16, Excel, and what we refuse ----
# the same four rows everywhere: id, score (one missing), group, ok
rows = [{"id": 1, "score": 0.5, "group": "a", "ok": True}, {"id": 2, "score": None, "group": "b", "ok": False},
        {"id": 3, "score": -1.25, "group": "a", "ok": True}, {"id": 4, "score": 1e3, "group": "c", "ok": False}]
import json
with open("table.jsonl", "w") as f:
    for r in rows:
        f.write(json.dumps(r) + "\n")
open("table_array.json", "w").write(json.dumps(rows, indent=1))
open("table.jsonl.gz", "wb").write(gzip.compress(open("table.jsonl", "rb").read(), mtime=0))
# a JSON Lines file with a nested object and a list: they arrive as their JSON text
with open("nested.jsonl", "w") as f:
    f.write(json.dumps({"id": 1, "meta": {"camera": "A"}, "tags": ["x", "y"]}) + "\n")
    f.write(json.dumps({"id": 2, "meta": {"camera": "B"}, "tags": []}) + "\n")
open("broken.jsonl", "w").write('{"id": 1}\n{"id": 2, "oops\n')

np.save("emb_f16.npy", np.array([[0.5, -2.0], [65504.0, 1e-3]], dtype="<f2"))  # 1e-3 rounds to 0.0010004 in half
np.savez_compressed("table.npz", X=np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], dtype="<f4"),
                    y=np.array([0, 1, 1], dtype="<i8"))
np.savez("single.npz", emb=np.array([[1.5, -2.0], [0.25, 4.0]], dtype="<f8"))
np.savez("mismatch.npz", X=np.zeros((3, 2), dtype="<f4"), y=np.zeros(2, dtype="<i8"))

import openpyxl  # Debian python3-openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "scores"
ws.append(["id", "score", "group", "ok"])
for r in rows:
    ws.append([r["id"], r["score"], r["group"], r["ok"]])
ws.append([None, None, None, None])   # an empty row is skipped
ws.append([5, "=B2*2", "a", True])    # a formula: openpyxl stores no cached value, so it reads as missing
wb.save("table.xlsx")

# formats we recognise and refuse, each by its leading bytes
import pickle
import zipfile
open("data.pkl", "wb").write(pickle.dumps({"a": [1, 2]}, protocol=4))
open("data.h5", "wb").write(b"\x89HDF\r\n\x1a\n" + bytes(64))
open("data.feather", "wb").write(b"ARROW1\x00\x00" + bytes(64))
open("old.xls", "wb").write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64))
with zipfile.ZipFile("archive.zip", "w") as z:
    z.writestr("inner.csv", "a,b\n1,2\n")
open("mystery.bin", "wb").write(bytes(range(256)) * 4)
