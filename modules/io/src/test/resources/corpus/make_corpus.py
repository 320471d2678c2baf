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
