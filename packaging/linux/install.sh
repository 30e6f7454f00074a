#!/bin/sh
# Install (or with "uninstall", remove) the desktop entry, the .goals file type and the icon
# for the current user. Everything goes under ~/.local/share and can be removed again.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
if [ "${1:-}" = "uninstall" ]; then
  # xdg-utils (where installed) may look elsewhere than $XDG_DATA_HOME: remove our files anyway.
  xdg-desktop-menu uninstall --novendor goaleditor.desktop 2>/dev/null || true
  xdg-mime uninstall --novendor "$here/goaleditor-mime.xml" 2>/dev/null || true
  rm -f "$data/applications/goaleditor.desktop" "$data/mime/packages/goaleditor-mime.xml"
  rm -f "$data/icons/hicolor/256x256/apps/goaleditor.png"
  command -v update-mime-database >/dev/null && update-mime-database "$data/mime" || true
  command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
  echo "removed: goaleditor.desktop, application/x-goaleditor"
  exit 0
fi
mkdir -p "$data/applications" "$data/mime/packages" "$data/icons/hicolor/256x256/apps"
cp "$root/resources/icons/goaleditor-256.png" "$data/icons/hicolor/256x256/apps/goaleditor.png"
# The menu entry starts the built package if there is one, else the checkout's program.
if [ -x "$root/dist/goaleditor/goaleditor" ]; then
  program="$root/dist/goaleditor/goaleditor"
elif [ -x "$root/.venv/bin/goaleditor" ]; then
  program="$root/.venv/bin/goaleditor"
else
  program=goaleditor
fi
sed "s|^Exec=goaleditor |Exec=\"$program\" |" "$here/goaleditor.desktop" >"$data/applications/goaleditor.desktop"
cp "$here/goaleditor-mime.xml" "$data/mime/packages/goaleditor-mime.xml"
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
echo "installed: goaleditor.desktop (runs $program), application/x-goaleditor (*.goals)"
