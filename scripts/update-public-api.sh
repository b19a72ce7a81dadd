#!/usr/bin/env bash
# Lists every public symbol of each shipped package in its PublicAPI.Unshipped.txt, after a deliberate API change.
# Symbols already in PublicAPI.Shipped.txt stay there; the Unshipped file is rebuilt from the code.
# Review the diff: every added line is a public API promise, every removed line a breaking change.
set -euo pipefail
cd "$(dirname "$0")/.."
header='#nullable enable'
for project in src/*/*.csproj; do
  dir=$(dirname "$project")
  if grep -q '<TrackPublicApi>false</TrackPublicApi>' "$project"; then continue; fi
  [ -f "$dir/PublicAPI.Shipped.txt" ] || echo "$header" > "$dir/PublicAPI.Shipped.txt"
  echo "$header" > "$dir/PublicAPI.Unshipped.txt"
done
dotnet restore FederationKit.sln >/dev/null
for project in src/*/*.csproj; do
  if grep -q '<TrackPublicApi>false</TrackPublicApi>' "$project"; then continue; fi
  echo "public API of $project"
  dotnet format analyzers "$project" --diagnostics RS0016 --severity warn --no-restore
  # The code fix appends in no fixed order; keep the file sorted (header first) so diffs stay small.
  unshipped="$(dirname "$project")/PublicAPI.Unshipped.txt"
  { echo "$header"; grep -v "^$header\$" "$unshipped" | LC_ALL=C sort -u; } > "$unshipped.tmp" && mv "$unshipped.tmp" "$unshipped"
done
