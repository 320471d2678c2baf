#!/usr/bin/python3
"""Writes the malformed and edge-case inputs of the robustness run (bench/robustness/run.sh) into a folder.

Each file is meant to fail (its name starts with bad_), to load (ok_), or either, cleanly (edge_). Sizes stay small: what matters is what a
header declares, not what the file holds. Usage: make_corpus.py OUT_DIR
"""
import gzip
import os
import struct
import sys
import zipfile

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def w(name, data, mode="wb"):
    with open(os.path.join(out, name), mode) as f:
        f.write(data)


def npy(shape, descr="<f8", fortran=False, data=b""):
    header = "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (descr, fortran, shape)
    header = header + " " * (63 - (len(header) + 10) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + data


# .npy whose header declares far more than the file holds, or less
w("bad_npy_billions.npy", npy("(100000, 100000)", data=b"\0" * 64))
w("bad_npy_negative.npy", npy("(-3, 2)", data=b"\0" * 48))
w("bad_npy_three.npy", npy("('three', 2)", data=b"\0" * 48))
w("bad_npy_extra_data.npy", npy("(2, 2)", data=struct.pack("<6d", *range(6))))
w("ok_npy.npy", npy("(3, 2)", data=struct.pack("<6d", *range(6))))
# IDX whose header declares billions of images
w("bad_idx_billions-images-idx3-ubyte", struct.pack(">I", 0x00000803) + struct.pack(">III", 2**31 - 1, 28, 28)
  + b"\0" * 56)
w("bad_idx_negative-images-idx3-ubyte", struct.pack(">I", 0x00000803) + struct.pack(">iii", -3, 28, 28) + b"\0" * 56)
w("bad_idx_extra-labels-idx1-ubyte", struct.pack(">I", 0x00000801) + struct.pack(">I", 2) + b"\1\2\3\4")
# CSV: one line with millions of fields; a field a million characters long; a gzip bomb
w("bad_csv_wide.csv", b",".join([b"c"] * 3_000_000) + b"\n1\n")
w("bad_csv_field.csv", b"a,b\n1," + b"y" * (4 << 20) + b"\n")
bomb = gzip.compress(b"a\n" + b"0\n" * (400 << 20), compresslevel=9)
w("bad_csv_bomb.csv.gz", bomb)
w("bad_not_gzip.csv.gz", b"\x1f\x8bthis is not gzip")
w("bad_csv_binary.csv", b"\x00\x01\x02\x03" * 100)
w("bad_empty.csv", b"")
w("edge_header_only.csv", b"a,b,c\n")  # inspect shows its columns; a split has no rows
w("ok_small.csv", b"a,b,g\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n" * 10)
# npz: a zip with an entry declaring a huge array
with zipfile.ZipFile(os.path.join(out, "bad_npz_billions.npz"), "w") as z:
    z.writestr("x.npy", npy("(100000, 100000)", data=b"\0" * 64))
w("bad_npz_not_zip.npz", b"PK\x03\x04garbage")
# Parquet and JSON that are not
w("bad_parquet.parquet", b"PAR1 this is not parquet PAR1")
w("bad_json.jsonl", b'{"a": 1}\n{"a": \n')
# projects asking for absurd sizes or holding wrong types
proj = '{"format": "shiftscope-project", "version": 1, "split": %s, "view": "data"}'
w("bad_project_rows.shiftscope.json", (proj % '{"kind": "demo", "scenario": "mixture-ring", "rows": 2147483647, '
                                          '"seed": 0, "columns": [], "missing": "drop"}').encode())
w("bad_project_three.shiftscope.json", (proj % '{"kind": "demo", "scenario": "mixture-ring", "rows": "three", '
                                           '"seed": 0, "columns": [], "missing": "drop"}').encode())
w("bad_project_resamples.shiftscope.json", ('{"format": "shiftscope-project", "version": 1, "split": {"kind": "demo",'
    ' "scenario": "mixture-ring", "rows": 200, "seed": 0, "columns": [], "missing": "drop"}, "view": "data",'
    ' "audit": {"label": "component", "prediction": "component", "positive_predictions": ["c1"], "positive_label": "c1",'
    ' "groups": ["component"], "resamples": 2147483647}}').encode())
w("bad_project_truncated.shiftscope.json", b'{"format": "shiftscope-project", "version": 1, "split": {')
w("bad_project_not_json.shiftscope.json", b"\x00\x01garbage")
# images
w("bad_image.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20)


# an ONNX model whose weights point at a file outside its folder (protobuf written by hand: ModelProto.graph
# .initializer with data_location EXTERNAL and external_data location "../../etc/hostname")
def field(number, body):
    key = bytes([number << 3 | 2])
    n = len(body)
    length = b""
    while True:
        b = n & 0x7F
        n >>= 7
        length += bytes([b | (0x80 if n else 0)])
        if not n:
            break
    return key + length + body


tensor = field(8, b"w") + bytes([14 << 3, 1]) + field(13, field(1, b"location") + field(2, b"../../etc/hostname"))
w("bad_model_external.onnx", bytes([8, 8]) + field(7, field(5, tensor)))
w("bad_model_garbage.onnx", b"\x3a\xff\xff\x7f")
