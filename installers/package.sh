#!/usr/bin/env bash
# Builds a self-contained ShiftScope: a jlink-trimmed Java runtime, only this platform's native libraries, and a
# class-data-sharing archive of the startup classes (AppCDS), as an app image or an installer.
#   installers/package.sh [app-image]  -> target/installer/ShiftScope/ (bin/ShiftScope; any OS)
#   installers/package.sh deb          -> target/installer/shiftscope_<version>_amd64.deb   (Debian, Ubuntu)
#   installers/package.sh gpu-pack-deb -> target/installer/shiftscope-gpu-pack_<version>_amd64.deb (the GPU pack, ~2 GB)
#   installers/package.sh rpm          -> target/installer/shiftscope-<version>-1.x86_64.rpm (Fedora, RHEL; needs rpmbuild)
#   installers/package.sh msi|exe      -> Windows installers (run on Windows with WiX 3 or 4 on PATH)
#   installers/package.sh dmg|pkg      -> macOS installers (run on macOS, Apple silicon)
# The version is the one Maven built (`shiftscope --version`). installers/smoke-test.sh checks the result.
# Windows and macOS installers are configured here but cannot be built on Linux; they register no file type (a
# project's double extension .shiftscope.json cannot be associated there; the app's Open dialog and `shiftscope
# FILE` open it).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
type="${1:-app-image}"

case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) platform=linux-x86_64 arch=amd64 ;;
    Linux-aarch64) platform=linux-aarch64 arch=arm64 ;;
    Darwin-arm64) platform=osx-aarch64 arch=arm64 ;;
    MINGW*-x86_64|MSYS*-x86_64|CYGWIN*-x86_64) platform=win-x86_64 arch=x64 ;;
    *) echo "error: no installer for $(uname -s) on $(uname -m)" >&2; exit 2 ;;
esac
case "$type:$platform" in
    gpu-pack-deb:linux-x86_64) exec bash "$here/installers/linux/gpu-pack-deb.sh" ;;
    app-image:*|deb:linux-*|rpm:linux-*|msi:win-*|exe:win-*|dmg:osx-*|pkg:osx-*) ;;
    *) echo "error: a $type installer cannot be built on $platform (see the list at the top of $0)" >&2; exit 2 ;;
esac

# builds app/target if needed; the version comes from the jar Maven built
version="$("$here/shiftscope" --version | awk '{print $2}')"
jdk="$("$here/shiftscope" --print-jdk)"
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    echo "error: the build reports version '$version'; expected MAJOR.MINOR.PATCH" >&2
    exit 2
fi
out="$here/target/installer"
rm -rf "$out" && mkdir -p "$out/input/lib"
echo "ShiftScope $version for $platform, with the runtime of $jdk"

# 1. the jars, less other platforms' natives; PyTorch's as plain files in native/pytorch (-Dshiftscope.pytorchDir)
cp "$here/app/target/shiftscope-app.jar" "$out/input/"
cp "$here/app/target/lib/"*.jar "$out/input/lib/"
"$jdk/bin/java" "$here/installers/PrepareJars.java" "$platform" "$out/input/lib" "$out/input/native/pytorch"

# 2. a runtime of only the modules the app uses (jdeps), plus those it reaches by reflection or service lookup;
#    uncompressed: it starts faster, and the installer's xz compresses it better than jlink would
modules="$("$jdk/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 21 \
    --class-path "$out/input/lib/*" "$out/input/shiftscope-app.jar" "$out/input/lib/"*.jar 2>/dev/null | tail -n1)"
modules="$modules,jdk.charsets,jdk.zipfs,jdk.unsupported,jdk.jsobject,jdk.xml.dom,java.naming,jdk.crypto.cryptoki"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
    --output "$out/runtime"
echo "runtime: $(du -sh "$out/runtime" | cut -f1) ($modules)"

# 3. the app image
java_options=(--enable-native-access=ALL-UNNAMED -XX:MaxRAMPercentage=50 '-Dshiftscope.pytorchDir=$APPDIR/native/pytorch'
              '-Dshiftscope.systemGpuPack=$APPDIR/../../gpu-pack')
if [ "$("$out/runtime/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')" -ge 24 ]; then
    java_options+=(--sun-misc-unsafe-memory-access=allow)
fi
args=(--name ShiftScope --app-version "$version" --input "$out/input" --main-jar shiftscope-app.jar
      --main-class org.shiftscope.app.Main --runtime-image "$out/runtime" --dest "$out/image"
      --description "Visual analytics for distribution shift" --vendor "ShiftScope")
for o in "${java_options[@]}"; do args+=(--java-options "$o"); done
case "$platform" in
    win-*) args+=(--icon "$here/assets/icons/shiftscope.ico" --win-console) ;;
    osx-*) args+=(--icon "$here/assets/icons/shiftscope.icns" --mac-package-identifier org.shiftscope.app) ;;
    *) args+=(--icon "$here/assets/icons/shiftscope.png") ;;
esac
"$jdk/bin/jpackage" --type app-image "${args[@]}"
case "$platform" in
    osx-*) image="$out/image/ShiftScope.app" app="$image/Contents/app" launcher="$image/Contents/MacOS/ShiftScope" ;;
    win-*) image="$out/image/ShiftScope" app="$image/app" launcher="$image/ShiftScope.exe" ;;
    *) image="$out/image/ShiftScope" app="$image/lib/app" launcher="$image/bin/ShiftScope" ;;
esac

# 4. AppCDS: list the classes a headless first window loads, dump them (with the JDK's own) into one static archive
#    under the same options the launcher passes, and start from that archive from now on
cfg="$app/ShiftScope.cfg"
[ -z "$(tail -c1 "$cfg")" ] || echo >> "$cfg" # jpackage leaves the last line unterminated
cp "$cfg" "$cfg.orig"
printf 'java-options=-XX:DumpLoadedClassList=$APPDIR/classes.lst\n' >> "$cfg"
"$launcher" snapshot --out "$out/first-window.png" --width 1280 --height 800 >/dev/null
cp "$cfg.orig" "$cfg"
printf 'java-options=-Xshare:dump\njava-options=-XX:SharedClassListFile=$APPDIR/classes.lst\n' >> "$cfg"
printf 'java-options=-XX:SharedArchiveFile=$APPDIR/shiftscope.jsa\n' >> "$cfg"
"$launcher" --version >/dev/null 2>&1 || true # the dump exits before main
mv "$cfg.orig" "$cfg"
rm -f "$app/classes.lst"
if [ -f "$app/shiftscope.jsa" ]; then
    printf 'java-options=-XX:SharedArchiveFile=$APPDIR/shiftscope.jsa\n' >> "$cfg"
    echo "AppCDS archive: $(du -h "$app/shiftscope.jsa" | cut -f1)"
fi
[ -z "$("$launcher" --version 2>&1 >/dev/null)" ] || { echo "error: the launcher writes to stderr:" >&2; "$launcher" --version; exit 1; }
"$launcher" --version >/dev/null

# 5. the installer
case "$type" in
    app-image) echo "packaged into $image" ;;
    deb) bash "$here/installers/linux/deb.sh" "$image" "$version" "$arch" "$out" ;;
    rpm) bash "$here/installers/linux/rpm.sh" "$image" "$version" "$out" ;;
    msi|exe)
        "$jdk/bin/jpackage" --type "$type" --app-image "$image" --name ShiftScope --app-version "$version" \
            --dest "$out" --vendor ShiftScope --license-file "$here/LICENSE" --win-menu --win-menu-group ShiftScope \
            --win-shortcut --win-dir-chooser --win-per-user-install
        ;;
    dmg|pkg)
        "$jdk/bin/jpackage" --type "$type" --app-image "$image" --name ShiftScope --app-version "$version" \
            --dest "$out" --vendor ShiftScope --license-file "$here/LICENSE"
        ;;
esac
