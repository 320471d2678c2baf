#!/usr/bin/env bash
# Makes the .rpm from the app image that installers/package.sh built (the same file tree as the .deb: stage.sh).
# No scriptlets: Fedora's and openSUSE's file triggers update the MIME, desktop and icon caches.
#   installers/linux/rpm.sh IMAGE VERSION OUT
set -euo pipefail
image="$1" version="$2" out="$3"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v rpmbuild >/dev/null || { echo "error: rpmbuild is not installed (Debian: apt-get install rpm)" >&2; exit 2; }
top="$out/rpmbuild"
rm -rf "$top" && mkdir -p "$top/SPECS"
bash "$here/stage.sh" "$image" "$top/root"
cat > "$top/SPECS/shiftscope.spec" <<SPEC
Name: shiftscope
Version: $version
Release: 1
Summary: Visual analytics for distribution shift
License: GPL-3.0-or-later
AutoReqProv: no
Requires: gtk3, libXtst, libXxf86vm, mesa-libGL, fontconfig, dejavu-sans-fonts
%define debug_package %{nil}
%define __os_install_post %{nil}
%define _build_id_links none

%description
ShiftScope explores distribution shift between a reference and a target dataset: drift tests, subpopulation maps,
optimal-transport explanations, subgroup audits and adaptation runs. \`shiftscope\` opens the desktop app;
\`shiftscope --help\` lists the commands.

%install
mkdir -p %{buildroot}
cp -a $top/root/. %{buildroot}/

%files
/opt/shiftscope
/usr/bin/shiftscope
/usr/share/applications/shiftscope.desktop
/usr/share/mime/packages/shiftscope.xml
/usr/share/icons/hicolor/256x256/apps/shiftscope.png
/usr/share/bash-completion/completions/shiftscope
%doc /usr/share/doc/shiftscope/copyright
SPEC
rpmbuild --quiet -bb --define "_topdir $top" --define "_rpmdir $out" --define "_binary_payload w6.xzdio" \
    "$top/SPECS/shiftscope.spec"
rpm="$(ls "$out"/*/shiftscope-"$version"-1.*.rpm)"
mv "$rpm" "$out/"
rm -rf "$top"
echo "packaged $out/$(basename "$rpm") ($(du -m "$out/$(basename "$rpm")" | cut -f1) MiB)"
