#!/usr/bin/env bash
# Embedding images from a metadata table, ours vs PyTorch + torchvision, in one run on the same files and model:
#  1. N JPEG/PNG images of mixed sizes (160..640 px) + metadata.csv, ResNet-18 (random weights) as ONNX and
#     TorchScript, and torch's DataLoader throughput (2 workers, batches of 64): bench/resnet/make_resnet.py
#  2. ShiftScope: embed --image-column file --model resnet18.onnx --preprocess imagenet (batches of 64)
#  3. Memory: M small images through a small CNN at -Xmx256m (they would need M x 3 x 56 x 56 floats if held)
# Usage: bench/image-embedding.sh [N] [M]   (defaults 2000 and 100000). Needs Debian's python3-torchvision.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}; m=${2:-100000}
work=$(mktemp -d /tmp/shiftscope-img-bench.XXXX)
./shiftscope --version >/dev/null
/usr/bin/python3 bench/resnet/make_resnet.py --out "$work/resnet" --images "$n" --benchmark | grep pytorch
start=$(date +%s.%N)
./shiftscope embed --data "$work/resnet/metadata.csv" --image-column file --model "$work/resnet/resnet18.onnx" \
    --preprocess imagenet --batch 64 --no-cache --out "$work/ours.npy" >/dev/null
end=$(date +%s.%N)
python3 -c "print('shiftscope: %d images in %.1f s = %.1f images/s' % ($n, $end - $start, $n / ($end - $start)))"
# agreement on the first 16 rows
/usr/bin/python3 - "$work" <<'PY'
import sys, numpy as np
w = sys.argv[1]
ours, torch = np.load(w + "/ours.npy")[:16], np.load(w + "/resnet/expected.npy")
cos = (ours * torch).sum(1) / np.linalg.norm(ours, axis=1) / np.linalg.norm(torch, axis=1)
print("agreement with torch on 16 images: worst cosine %.8f" % cos.min())
PY
# memory: M small images, a small CNN, a 256 MB heap
/usr/bin/python3 - "$work/small" "$m" <<'PY'
import os, sys, numpy as np
from PIL import Image
out, m = sys.argv[1], int(sys.argv[2])
os.makedirs(out + "/img", exist_ok=True)
rng = np.random.default_rng(1)
tiles = [Image.fromarray(rng.integers(0, 256, (48 + 8 * k, 64, 3), dtype=np.uint8)) for k in range(8)]
with open(out + "/metadata.csv", "w") as f:
    f.write("file\n")
    for i in range(m):
        tiles[i % 8].save(f"{out}/img/{i}.png", compress_level=1)
        f.write(f"img/{i}.png\n")
PY
cnn=modules/embedding/src/test/resources/preprocess/cnn.onnx
start=$(date +%s.%N)
SHIFTSCOPE_JAVA_OPTS="-Xmx256m -Xlog:gc:file=$work/gc.log" ./shiftscope embed --data "$work/small/metadata.csv" --image-column file \
    --model "$cnn" --preprocess imagenet --batch 256 --no-cache --out "$work/small.npy" >/dev/null
end=$(date +%s.%N)
peak=$(grep -oE '[0-9]+M->[0-9]+M' "$work/gc.log" | sed 's/M->.*//' | sort -n | tail -1)
python3 -c "print('memory: %d images embedded at -Xmx256m in %.1f s; peak heap before a collection %s MB (holding them would take %.1f GB)' % ($m, $end - $start, '$peak', $m * 3 * 56 * 56 * 4 / 1e9))"
rm -rf "$work"
