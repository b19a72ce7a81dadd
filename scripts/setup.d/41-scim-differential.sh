# The SCIM differential tests (tests/FederationKit.Scim.Tests/Differential) run the same PATCH operations and filters
# through npm scim-patch and scim2-parse-filter, pinned in tests/scim-differential/package-lock.json. Needs Node.js and
# npm (installed by 40-oidc-provider.sh). The tests fail, not skip, when these packages are missing.
scim="$ROOT/tests/scim-differential"
if [ ! -d "$scim/node_modules/scim-patch" ] || [ "$scim/package-lock.json" -nt "$scim/node_modules/.package-lock.json" ]; then
  (cd "$scim" && npm ci --no-audit --no-fund --loglevel=error)
fi
