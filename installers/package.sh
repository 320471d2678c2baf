#!/usr/bin/env bash
# Builds a self-contained ShiftScope with jpackage (from the JDK the launcher finds).
#   installers/package.sh            -> target/installer/ShiftScope (app image: bin/ShiftScope + bundled runtime)
#   installers/package.sh deb        -> target/installer/shiftscope_<version>_amd64.deb (needs fakeroot)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
type="${1:-app-image}"
"$here/shiftscope" --version >/dev/null          # finds a JDK >= 21 and builds app/target if needed
jdk="$(ls -d /usr/lib/jvm/temurin-*-jdk-* 2>/dev/null | sort -V | tail -n1)"
jdk="${JAVA_HOME:-$jdk}"
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$here/pom.xml" | sed -n 2p)"
out="$here/target/installer"
rm -rf "$out" && mkdir -p "$out/input"
cp "$here/app/target/shiftscope-app.jar" "$out/input/"
cp -r "$here/app/target/lib" "$out/input/lib"
args=(--name ShiftScope --app-version "$version" --input "$out/input" --main-jar shiftscope-app.jar
      --main-class org.shiftscope.app.Main --dest "$out" --icon "$here/assets/icons/shiftscope.png"
      --description "Visual analytics for distribution shift" --vendor "ShiftScope"
      --java-options "--enable-native-access=ALL-UNNAMED")
if [ "$type" = deb ]; then
    args+=(--type deb --license-file "$here/LICENSE" --linux-package-name shiftscope --linux-package-deps libgtk-3-0 --linux-shortcut
           --linux-menu-group Science)
else
    args+=(--type app-image)
fi
"$jdk/bin/jpackage" "${args[@]}"
echo "packaged into $out"
