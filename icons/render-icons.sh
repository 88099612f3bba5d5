#!/usr/bin/env bash
# Renders the application icon's PNG renditions from its SVG master. The PNGs are committed, so
# building needs no SVG tools; run this after editing the master. Needs rsvg-convert
# (Debian/Ubuntu: apt-get install -y librsvg2-bin).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
master="$here/src/main/svg/chronoscope.svg"
out="$here/src/main/resources/dev/chronoscope/icons/app"
command -v rsvg-convert >/dev/null || { echo "render-icons: rsvg-convert not found (apt-get install -y librsvg2-bin)" >&2; exit 1; }
mkdir -p "$out"
cp "$master" "$out/chronoscope.svg"
for size in 16 32 48 64 128 256 512; do
  tmp="$(mktemp "$out/.chronoscope-$size.XXXXXX.png")"
  rsvg-convert -w "$size" -h "$size" "$master" -o "$tmp"
  chmod 644 "$tmp"
  mv "$tmp" "$out/chronoscope-$size.png"   # never leave a half-written rendition behind
  echo "wrote $out/chronoscope-$size.png"
done
