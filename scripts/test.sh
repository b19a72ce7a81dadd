#!/usr/bin/env bash
# Runs every test of FederationKit on a fresh Debian machine with the .NET SDK.
# It first installs what the integration tests need (scripts/setup.sh), then runs
# `dotnet test` over the solution and ends with one line: "N passed, N failed[, N skipped]".
# Exit code: 0 when every test passed and at least one ran; 1 otherwise.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build FederationKit.sln -c Release -v q -nologo
build_rc=$?
if [ $build_rc -ne 0 ]; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# Every packable project under src/ must yield a package.
rm -rf "$root/artifacts/packages"
if ! dotnet pack FederationKit.sln -c Release --no-build -v q -nologo -o "$root/artifacts/packages" >/dev/null; then
  echo "dotnet pack failed"
  echo "0 passed, 1 failed"
  exit 1
fi
for proj in src/*/*.csproj; do
  id=$(sed -n 's:.*<PackageId>\(.*\)</PackageId>.*:\1:p' "$proj"); [ -n "$id" ] || id=$(basename "$proj" .csproj)
  if ! ls "$root/artifacts/packages/$id".[0-9]*.nupkg >/dev/null 2>&1; then
    echo "no package for $proj"; echo "0 passed, 1 failed"; exit 1
  fi
done

# Test projects run one after another (-m:1 keeps two cores for the servers the tests start).
dotnet test FederationKit.sln -c Release --no-build -m:1 \
  --logger "trx" --logger "console;verbosity=minimal" \
  --results-directory "$results" "$@"
test_rc=$?

passed=0; failed=0; total=0; executed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  p=$(get passed); f=$(get failed); e=$(get error); t=$(get total); x=$(get executed)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
  total=$((total + ${t:-0})); executed=$((executed + ${x:-0}))
done
skipped=$((total - executed))

# A test run that crashed or failed without a failed result still counts as a failure.
if [ $test_rc -ne 0 ] && [ $failed -eq 0 ]; then failed=1; fi

line="$passed passed, $failed failed"
[ $skipped -gt 0 ] && line="$line, $skipped skipped"
echo "$line"

if [ $failed -ne 0 ] || [ $passed -eq 0 ]; then
  exit 1
fi
exit 0
