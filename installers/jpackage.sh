#!/usr/bin/env bash
# Builds the Chronoscope workbench installers with JDK 25's jpackage (DESIGN §2, docs/installers.md):
#   target/jpackage/chronoscope/            app-image (bin/chronoscope, lib/app, lib/home with the engine,
#                                           emulator and agent jars, lib/runtime with bin/java)
#   target/jpackage/chronoscope_<v>_amd64.deb
# Usage: installers/jpackage.sh <maven-version>   (the Maven profile 'installers' calls it).
# Needs the built jars (./mvnw -DskipTests package), and for the .deb
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

for f in "$app_target/app.jar" "$app_target/lib" "$icon" \
         "$root/engine/target/engine.jar" "$root/engine/target/lib" \
         "$root/emulator/target/emulator.jar" "$root/emulator/target/lib" \
         "$root/interposer-agent/target/interposer-agent.jar"; do
  [ -e "$f" ] || { echo "jpackage.sh: missing $f (build it first: ./mvnw -DskipTests package)" >&2; exit 1; }
done

input="$(mktemp -d)"
content="$(mktemp -d)"
trap 'rm -rf "$input" "$content"' EXIT
cp "$app_target/app.jar" "$input/"
cp "$app_target"/lib/*.jar "$input/"
# The installed layout of InstallationLayout (emulator.install), beside lib/app rather than in it so
# that these jars stay off the workbench's class path: the workbench and the command line start the
# engine, the agent and the emulator's CLI as child JVMs from them.
home="$content/home"
for component in engine emulator interposer-agent; do
  mkdir -p "$home/$component"
  cp "$root/$component/target/$component.jar" "$home/$component/"
  if [ -d "$root/$component/target/lib" ]; then
    mkdir -p "$home/$component/lib"
    cp "$root/$component/target/lib"/*.jar "$home/$component/lib/"
  fi
done
rm -rf "$out"
mkdir -p "$out"
# The runtime: Java SE, and the JDK modules the engine (HTTP server, Vector API), the agent
# (instrumentation, Unsafe for ByteBuddy) and the workbench (JFR, management, JavaFX's desktop hooks) use.
modules="java.se,jdk.httpserver,jdk.incubator.vector,jdk.unsupported,jdk.unsupported.desktop,jdk.jfr,jdk.management,jdk.attach,jdk.zipfs,jdk.charsets,jdk.localedata,jdk.crypto.ec,jdk.net"

"$JAVA_HOME/bin/jpackage" --type app-image \
  --name chronoscope --app-version "$app_version" \
  --vendor "Chronoscope" --description "GPU-free time-warp emulation of LLM serving, with a JavaFX workbench" \
  --input "$input" --main-jar app.jar --main-class dev.chronoscope.app.Launcher \
  --java-options "--enable-native-access=ALL-UNNAMED" \
  --java-options "-Dchronoscope.home=\$APPDIR/../home" --app-content "$home" \
  --add-modules "$modules" \
  --jlink-options "--strip-debug --no-man-pages --no-header-files" \
  --icon "$icon" --dest "$out"

# The launcher must answer without a display; a broken image stops here, before packaging.
"$out/chronoscope/bin/chronoscope" --version
# The runtime keeps bin/java (jpackage strips it by default): emulations, serve, bench and calibrate
# run in child JVMs of it, and the engine's kernels need the Vector API module.
"$out/chronoscope/lib/runtime/bin/java" --add-modules jdk.incubator.vector --list-modules 2>/dev/null \
  | grep -q '^jdk.incubator.vector' || { echo "jpackage.sh: the runtime lacks bin/java or jdk.incubator.vector" >&2; exit 1; }
# An installed workbench must be able to emulate: one tiny run through the installed launcher.
check="$(mktemp -d)"
"$out/chronoscope/bin/chronoscope" models list --models "$check/models.db" >"$check/models.log" 2>&1 \
  || { echo "jpackage.sh: the installed launcher cannot create a models store:" >&2; tail -n 20 "$check/models.log" >&2; exit 1; }
"$out/chronoscope/bin/chronoscope" emulate --model tiny --gpu h100-sxm --num-prompts 4 --random-input-len 32 \
  --random-output-len 4 --models "$check/models.db" --out "$check/run" >"$check/emulate.log" 2>&1 \
  || { echo "jpackage.sh: the installed launcher cannot emulate:" >&2; tail -n 20 "$check/emulate.log" >&2; exit 1; }
[ -s "$check/run/result.json" ] || { echo "jpackage.sh: the check emulation wrote no result.json" >&2; exit 1; }
rm -rf "$check"

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
