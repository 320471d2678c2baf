#!/usr/bin/env bash
# The installed file tree, shared by the .deb and the .rpm: the app image under /opt/shiftscope, `shiftscope` on
# PATH with its bash completion, the menu entry, the project file type (*.shiftscope.json) and the icon.
#   installers/linux/stage.sh IMAGE ROOT
set -euo pipefail
image="$1" root="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rm -rf "$root"
mkdir -p "$root/opt" "$root/usr/bin" "$root/usr/share/applications" "$root/usr/share/mime/packages" \
    "$root/usr/share/icons/hicolor/256x256/apps" "$root/usr/share/doc/shiftscope" \
    "$root/usr/share/bash-completion/completions"
cp -a "$image" "$root/opt/shiftscope"
ln -s /opt/shiftscope/bin/ShiftScope "$root/usr/bin/shiftscope"
cp "$here/shiftscope.desktop" "$root/usr/share/applications/shiftscope.desktop" # StartupWMClass: what JavaFX sets (xprop WM_CLASS)
# bash completion of every command and option (bash-completion loads it on first use of `shiftscope`)
"$image/bin/ShiftScope" completion > "$root/usr/share/bash-completion/completions/shiftscope"
cp "$here/shiftscope-mime.xml" "$root/usr/share/mime/packages/shiftscope.xml"
cp "$here/../../assets/icons/shiftscope.png" "$root/usr/share/icons/hicolor/256x256/apps/shiftscope.png"
{
    echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
    echo "Upstream-Name: ShiftScope"
    echo
    echo "Files: *"
    echo "License: GPL-3.0-or-later; the bundled Java runtime and libraries keep their own licenses"
    echo
    sed 's/^/ /; s/^ $/ ./' "$here/../../LICENSE"
} > "$root/usr/share/doc/shiftscope/copyright"
find "$root" -type d -exec chmod 755 {} +
chmod -R go-w "$root"
