#!/usr/bin/env bash
# Builds the Chronoscope workbench installers with JDK 25's jpackage (DESIGN §2, docs/installers.md):
#   target/jpackage/chronoscope/            app-image (bin/chronoscope, lib/app, lib/runtime)
#   target/jpackage/chronoscope_<v>_amd64.deb
# Usage: installers/jpackage.sh <maven-version>   (the Maven profile 'installers' calls it).
# Needs app/target/app.jar and app/target/lib (./mvnw -pl app -am package), and for the .deb
# dpkg-deb and fakeroot (Debian/Ubuntu: apt-get install -y fakeroot).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
. "$root/scripts/find-jdk.sh"
chronoscope_find_jdk

maven_version="${1:?usage: jpackage.sh <maven-version>}"
# jpackage wants 1 to 3 dot-separated numbers: 0.1.0-SNAPSHOT becomes 0.1.0.
app_version="$(printf '%s' "$maven_version" | sed -E 's/^([0-9]+(\.[0-9]+){0,2}).*/\1/')"
app_target="$root/app/target"
icon="$root/icons/src/main/resources/dev/chronoscope/icons/app/chronoscope-512.png"
out="$here/target/jpackage"

for f in "$app_target/app.jar" "$app_target/lib" "$icon"; do
  [ -e "$f" ] || { echo "jpackage.sh: missing $f (build it first: ./mvnw -pl app -am package)" >&2; exit 1; }
done

input="$(mktemp -d)"
trap 'rm -rf "$input"' EXIT
cp "$app_target/app.jar" "$input/"
cp "$app_target"/lib/*.jar "$input/"
rm -rf "$out"
mkdir -p "$out"

"$JAVA_HOME/bin/jpackage" --type app-image \
  --name chronoscope --app-version "$app_version" \
  --vendor "Chronoscope" --description "GPU-free time-warp emulation of LLM serving, with a JavaFX workbench" \
  --input "$input" --main-jar app.jar --main-class dev.chronoscope.app.Launcher \
  --java-options "--enable-native-access=ALL-UNNAMED" \
  --icon "$icon" --dest "$out"

# The launcher must answer without a display; a broken image stops here, before packaging.
"$out/chronoscope/bin/chronoscope" --version

# Packaging an existing app-image ignores --icon for the desktop entry (it falls back to the
# default icon); a resource directory holding <name>.png overrides it.
resources="$input/resources"
mkdir -p "$resources"
cp "$icon" "$resources/chronoscope.png"
"$JAVA_HOME/bin/jpackage" --type deb \
  --name chronoscope --app-version "$app_version" \
  --vendor "Chronoscope" --description "GPU-free time-warp emulation of LLM serving, with a JavaFX workbench" \
  --app-image "$out/chronoscope" --icon "$icon" --resource-dir "$resources" \
  --linux-package-name chronoscope --linux-deb-maintainer "chronoscope@localhost" \
  --linux-package-deps "libgtk-3-0" --linux-shortcut --linux-menu-group "Development" --linux-app-category devel \
  --dest "$out"
deb="$(ls "$out"/*.deb)"
# Check what users get: the desktop entry's icon must be ours, not jpackage's default.
dpkg-deb --fsys-tarfile "$deb" | tar -xO ./opt/chronoscope/lib/chronoscope.png | cmp -s - "$icon" \
  || { echo "jpackage.sh: $deb carries the wrong icon" >&2; exit 1; }
ls -l "$deb"
