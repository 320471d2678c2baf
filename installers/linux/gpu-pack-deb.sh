#!/usr/bin/env bash
# The GPU pack as its own package, for machines where each user should not fetch 3 GB: PyTorch 2.5.1's CUDA 12.4
# natives and ONNX Runtime 1.20.0's CUDA build, fetched once through Maven (into ~/.m2, so a mirror in
# ~/.m2/settings.xml applies), checked and unpacked by the app's own installer (`shiftscope gpu --install` against
# the local repository), under /opt/shiftscope/gpu-pack where the installed launcher looks
# (-Dshiftscope.systemGpuPack). zstd-compressed: xz would take most of an hour on 4 GB of libraries.
#   installers/package.sh gpu-pack-deb
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
version="$("$here/shiftscope" --version | awk '{print $2}')"
out="$here/target/installer"
root="$out/gpu-pack-root"
rm -rf "$root" && mkdir -p "$root/opt/shiftscope/gpu-pack" "$root/DEBIAN" "$out"
cd "$here"
./mvnw -B -q -N dependency:get -Dtransitive=false -Dartifact=ai.djl.pytorch:pytorch-native-cu124:2.5.1:jar:linux-x86_64
./mvnw -B -q -N dependency:get -Dtransitive=false -Dartifact=com.microsoft.onnxruntime:onnxruntime_gpu:1.20.0
SHIFTSCOPE_GPU_PACK="$root/opt/shiftscope/gpu-pack" "$here/shiftscope" gpu --install \
    --repository "file://$HOME/.m2/repository/" | grep '^installed'
find "$root" -type d -exec chmod 755 {} +
chmod -R go-w,a+r "$root"
size_kb="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
cat > "$root/DEBIAN/control" <<CONTROL
Package: shiftscope-gpu-pack
Version: $version
Architecture: amd64
Maintainer: ShiftScope maintainers <maintainers@users.noreply.h-seed-99c4b673.example>
Section: science
Priority: optional
Installed-Size: $size_kb
Depends: shiftscope (= $version)
Description: CUDA 12.4 natives for ShiftScope's embeddings (GPU pack)
 PyTorch 2.5.1's CUDA 12.4 libraries and ONNX Runtime 1.20.0's CUDA build, for
 every user of this machine. With an NVIDIA driver, "shiftscope --device auto"
 (the default) then runs embeddings and the built-in encoders on the GPU.
 ONNX models on the GPU also need the system's CUDA 12 and cuDNN 9 libraries.
CONTROL
deb="$out/shiftscope-gpu-pack_${version}_amd64.deb"
dpkg-deb --root-owner-group -Zzstd -b "$root" "$deb" >/dev/null
rm -rf "$root"
echo "packaged $deb ($(du -m "$deb" | cut -f1) MiB; $((size_kb / 1024)) MiB installed)"
