# A real OpenID provider for the OIDC tests and the sample's browser tests: npm oidc-provider in tests/idp/oidc-provider,
# started by the fixtures on 127.0.0.1 on a free port. Needs Node.js (20 or later) and npm.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
fi
idp="$ROOT/tests/idp/oidc-provider"
if [ ! -d "$idp/node_modules/oidc-provider" ] || [ "$idp/package-lock.json" -nt "$idp/node_modules/.package-lock.json" ]; then
  (cd "$idp" && npm ci --no-audit --no-fund --loglevel=error)
fi
