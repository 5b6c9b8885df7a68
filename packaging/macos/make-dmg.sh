#!/usr/bin/env bash
# Builds dist/PartnerDesk-<version>.dmg from dist/PartnerDesk.app (macOS only: hdiutil, codesign, notarytool).
#   packaging/macos/make-dmg.sh 0.1.0
# Signing and notarisation run only when their secrets are set (the release workflow passes them):
#   MACOS_SIGN_IDENTITY   "Developer ID Application: … (TEAMID)"  (certificate already in the keychain)
#   MACOS_NOTARY_PROFILE  a `xcrun notarytool store-credentials` profile name
set -euo pipefail
cd "$(dirname "$0")/../.."
version="${1:?usage: make-dmg.sh VERSION}"
app="dist/PartnerDesk.app"
dmg="dist/PartnerDesk-${version}.dmg"
[ -d "$app" ] || { echo "no $app: build it with pyinstaller partnerdesk.spec first" >&2; exit 1; }

# The Info.plist the spec wrote (packaging/targets.py) must be a Dock app with the .pdk document type.
plutil -lint "$app/Contents/Info.plist"
if /usr/libexec/PlistBuddy -c "Print :LSBackgroundOnly" "$app/Contents/Info.plist" 2>/dev/null | grep -qi true; then
  echo "Info.plist has LSBackgroundOnly: the app would have no Dock icon and no menu bar" >&2; exit 1
fi

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --timestamp --sign "$MACOS_SIGN_IDENTITY" "$app"
  codesign --verify --deep --strict --verbose=2 "$app"
else
  echo "MACOS_SIGN_IDENTITY not set: the .dmg is NOT signed (Gatekeeper will warn)"
fi

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
rm -f "$dmg"
hdiutil create -volname "PartnerDesk ${version}" -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$dmg"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$dmg"
fi
if [ -n "${MACOS_SIGN_IDENTITY:-}" ] && [ -n "${MACOS_NOTARY_PROFILE:-}" ]; then
  xcrun notarytool submit "$dmg" --keychain-profile "$MACOS_NOTARY_PROFILE" --wait
  xcrun stapler staple "$dmg"
else
  echo "notarisation skipped (needs MACOS_SIGN_IDENTITY and MACOS_NOTARY_PROFILE)"
fi
echo "$dmg"
