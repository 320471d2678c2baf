#!/usr/bin/env bash
# Makes the .deb from the app image that installers/package.sh built: the app under /opt/shiftscope, `shiftscope` on
# PATH, a menu entry, the project file type and the icon. No maintainer scripts: Debian's own triggers
# (shared-mime-info, desktop-file-utils, the hicolor icon cache) pick the new files up when those packages are
# installed, and nothing needs doing when they are not, so installing on a minimal system cannot fail half-way.
#   installers/linux/deb.sh IMAGE VERSION ARCH OUT
set -euo pipefail
image="$1" version="$2" arch="$3" out="$4"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$out/deb-root"
bash "$here/stage.sh" "$image" "$root"
mkdir -p "$root/DEBIAN"
size_kb="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
cat > "$root/DEBIAN/control" <<CONTROL
Package: shiftscope
Version: $version
Architecture: $arch
Maintainer: ShiftScope maintainers <maintainers@users.noreply.h-seed-99c4b673.example>
Section: science
Priority: optional
Installed-Size: $size_kb
Depends: libc6, libstdc++6, libgtk-3-0t64 | libgtk-3-0, libxtst6, libxxf86vm1, libgl1, fontconfig, fonts-dejavu-core | fonts-liberation2 | fonts-freefont-ttf
Recommends: shared-mime-info, desktop-file-utils
Description: visual analytics for distribution shift
 ShiftScope explores distribution shift between a reference and a target
 dataset: per-column drift tests, subpopulation maps, optimal-transport
 explanations of the shift, subgroup audits with uncertainty, and adaptation
 runs with before/after metrics. The desktop app and the command line are
 one program: "shiftscope" opens the app, "shiftscope --help" lists the
 commands. Embeddings run on the CPU; "shiftscope --gpu" adds the CUDA
 natives (about 3 GB) for NVIDIA GPUs.
CONTROL
deb="$out/shiftscope_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz -b "$root" "$deb" >/dev/null
rm -rf "$root"
echo "packaged $deb ($(du -m "$deb" | cut -f1) MiB; $((size_kb / 1024)) MiB installed)"
