#!/usr/bin/env bash
# The adopter check: what someone installing the published packages into their own Backstage
# gets. Packs the four packages, creates a fresh portal outside the repository, applies the
# README's "Installing into an existing Backstage" steps to it as written (both frontend
# systems), builds app, legacy app and backend as production bundles, runs them on PostgreSQL
# with the portal's own small catalog and checks the pages in Debian's Chromium.
#
# Needs the repository bootstrapped (node_modules), PostgreSQL on 127.0.0.1:5432 (trust auth)
# and /usr/bin/chromium (or CHROMIUM_PATH). Environment:
#   ADOPTER_CACHE_DIR  where the fresh portal's node_modules are kept between runs, keyed by its
#                      package.json files and the repository's lockfile (default
#                      $TMPDIR/adopter-check-cache; on the temporary folder's file system, as
#                      the portal gets them as hard links)
#   ADOPTER_TARBALLS   a folder with the four tarballs already packed (to iterate on the portal)
#   ADOPTER_KEEP=1     keep the temporary folder and the databases for a look afterwards
#   PGUSER             PostgreSQL user (default postgres, then root)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
if [ -z "${ADOPTER_CHECK_BOOTSTRAPPED:-}" ]; then
  # Node 22 on PATH, the repository's tools (tsc, backstage-cli, playwright) after it.
  export ADOPTER_CHECK_BOOTSTRAPPED=1
  exec node scripts/bootstrap.mjs bash scripts/adopter-check.sh "$@"
fi

start=$(date +%s)
phase_name=
phase_start=$start
timings=()
log() { printf '\n[adopter-check] %s (+%ss)\n' "$*" "$(( $(date +%s) - start ))"; }
phase() { # phase <name>: ends the current phase's timing and starts another
  local now; now=$(date +%s)
  [ -z "$phase_name" ] || timings+=("$(printf '%5ss  %s' "$(( now - phase_start ))" "$phase_name")")
  phase_name=$1
  phase_start=$now
  [ -z "$1" ] || log "$1"
}

run_id="$(date +%m%d%H%M%S)_$$"
work=$(mktemp -d "${TMPDIR:-/tmp}/adopter-check.XXXXXX")
logs=$work/logs
portal=$work/portal
tarballs=$work/tarballs
mkdir -p "$logs" "$tarballs"
cache=${ADOPTER_CACHE_DIR:-${TMPDIR:-/tmp}/adopter-check-cache}
db_prefix="adopter_${run_id}_"
pids=()

pg_user=${PGUSER:-postgres}
psql -h 127.0.0.1 -U "$pg_user" -d postgres -Atc 'select 1' >/dev/null 2>&1 || pg_user=root
psql_() { psql -h 127.0.0.1 -U "$pg_user" -d postgres -Atc "$1"; }

cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${ADOPTER_KEEP:-}" ]; then
    echo "[adopter-check] kept $work and the databases ${db_prefix}*"
  else
    for db in $(psql_ "select datname from pg_database where datname like '${db_prefix}%'" 2>/dev/null); do
      psql_ "drop database \"$db\"" >/dev/null 2>&1 || true
    done
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT

fail() { # fail <message> [log]: the log's end, then the message
  [ -z "${2:-}" ] || tail -n 60 "$2" >&2
  echo "[adopter-check] FAILED: $1" >&2
  exit 1
}

free_port() {
  node -e 'const s=require("net").createServer().listen(0,()=>{console.log(s.address().port);s.close()})'
}

wait_for() { # wait_for <url> <seconds> <pid> <log>
  local deadline=$(( $(date +%s) + $2 ))
  until curl -fs -o /dev/null "$1"; do
    kill -0 "$3" 2>/dev/null || fail "the process behind $1 exited" "$4"
    [ "$(date +%s)" -lt "$deadline" ] || fail "$1 did not answer within $2 s" "$4"
    sleep 2
  done
}

psql_ 'select 1' >/dev/null || fail "PostgreSQL is not reachable on 127.0.0.1:5432"

# --- 1. A fresh portal: create-app if it can work here, else its layout from scripts/adopter.
cp -r scripts/adopter/portal "$portal"
phase "fresh portal"
# create-app only asks for a name; it insists on Yarn, whose registry this machine may not reach.
# It runs beside the install and the packing; its verdict is printed after them.
(printf 'adopter-portal\n' | timeout 300 npx -y @backstage/create-app@latest --skip-install \
  --path "$work/create-app" >"$logs/create-app.log" 2>&1) &
create_app_pid=$!
pids+=("$create_app_pid")

# The install of the portal as created (before the plugins) is cached; the plugins never are.
key=$(cat package-lock.json scripts/adopter/portal/package.json scripts/adopter/portal/packages/*/package.json |
  sha256sum | cut -c1-16)
cached=$cache/portal-$key
if [ -f "$cached/package-lock.json" ]; then
  echo "[adopter-check] node_modules from $cached"
  # Hard links: a copy in no time; npm replaces packages rather than writing into their files.
  cp -al "$cached/node_modules" "$portal/node_modules"
  cp "$cached/package-lock.json" "$portal/package-lock.json"
  cp "$cached/hidden-lockfile.json" "$portal/node_modules/.package-lock.json"
  install_pid=
else
  (cd "$portal" && npm install --prefer-offline --no-audit --no-fund >"$logs/install.log" 2>&1) &
  install_pid=$!
fi

# --- 2. The four packages, as npm would publish them (prepack builds dist, types, schema).
phase "pack"
if [ -n "${ADOPTER_TARBALLS:-}" ]; then
  cp "$ADOPTER_TARBALLS"/*.tgz "$tarballs/"
else
  tsc # declarations for prepack, in dist-types/
  for package in release-coordination-common release-coordination-node release-coordination-backend release-coordination; do
    (cd "plugins/$package" && npm pack --pack-destination "$tarballs" >"$logs/pack-$package.log" 2>&1) ||
      fail "npm pack of plugins/$package" "$logs/pack-$package.log"
  done
fi
echo "[adopter-check] tarballs:"
for tarball in "$tarballs"/*.tgz; do
  printf '  %6s KB  %s\n' "$(( $(stat -c %s "$tarball") / 1024 ))" "$(basename "$tarball")"
done
tarball_of() { ls "$tarballs"/release-coordination-plugin-"$1"-[0-9]*.tgz; }

if [ -n "$install_pid" ]; then
  phase "npm install of the fresh portal"
  wait "$install_pid" || fail "npm install of the fresh portal" "$logs/install.log"
  rm -rf "$cached.tmp" && mkdir -p "$cached.tmp"
  cp -al "$portal/node_modules" "$cached.tmp/node_modules"
  rm -f "$cached.tmp/node_modules/.package-lock.json"
  cp "$portal/node_modules/.package-lock.json" "$cached.tmp/hidden-lockfile.json"
  cp "$portal/package-lock.json" "$cached.tmp/package-lock.json"
  rm -rf "$cached" && mv "$cached.tmp" "$cached"
fi

if wait "$create_app_pid"; then
  echo "[adopter-check] create-app works here; the check still uses its layout from"
  echo "[adopter-check] scripts/adopter/portal, installed with npm at the repository's Backstage versions"
else
  echo "[adopter-check] create-app cannot create a portal here: $(grep -m1 -iE 'not available|error' "$logs/create-app.log" || tail -n 1 "$logs/create-app.log")"
  echo "[adopter-check] so the portal is its layout from scripts/adopter/portal (npm workspaces, the repository's Backstage versions)"
fi
rm -rf "$work/create-app"

# --- 3. The README's steps, as written. The registry is simulated by the tarballs: the steps'
# `npm install <name>` installs the tarball, and the packages' own dependencies on each other
# resolve to the tarballs through overrides.
phase "README install steps"
node scripts/adopter/readme-steps.mjs list
common=$(tarball_of release-coordination-common)
node_=$(tarball_of release-coordination-node)
backend_tgz=$(tarball_of release-coordination-backend)
frontend_tgz=$(tarball_of release-coordination)
node -e '
  const fs = require("fs");
  const file = process.argv[1];
  const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
  pkg.overrides = { ...pkg.overrides,
    "@release-coordination/plugin-release-coordination-common": "file:" + process.argv[2],
    "@release-coordination/plugin-release-coordination-node": "file:" + process.argv[3] };
  fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
' "$portal/package.json" "$common" "$node_"
export npm_config_prefer_offline=true
node scripts/adopter/readme-steps.mjs apply --portal "$portal" \
  --system new=packages/app --system legacy=packages/app-legacy \
  --package "@release-coordination/plugin-release-coordination-backend=$backend_tgz" \
  --package "@release-coordination/plugin-release-coordination=$frontend_tgz" \
  2>&1 | tee "$logs/steps.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || fail "the README's install steps"

# --- 4. Production bundles: both apps and the backend, with the portal's own
# `backstage-cli package build`.
phase "production builds"
backend_port=$(free_port)
legacy_port=$(free_port)
while [ "$legacy_port" = "$backend_port" ]; do legacy_port=$(free_port); done
backend_url=http://localhost:$backend_port
legacy_url=http://localhost:$legacy_port
cat >"$portal/app-config.check.yaml" <<EOF
app:
  baseUrl: $backend_url
backend:
  baseUrl: $backend_url
  listen:
    port: $backend_port
  cors:
    origin: [$backend_url, $legacy_url]
    methods: [GET, HEAD, PATCH, POST, PUT, DELETE]
    credentials: true
  database:
    client: pg
    connection:
      host: 127.0.0.1
      port: 5432
      user: $pg_user
    # A fresh set of databases per run: ${db_prefix}catalog, ${db_prefix}release-coordination, ...
    prefix: $db_prefix
auth:
  providers:
    guest:
      # The guest is one of the portal's own people, so that they can lead a train.
      userEntityRef: user:default/ada
      dangerouslyAllowOutsideDevelopment: true
EOF
# The legacy app is served on its own (scripts/adopter/serve-static.mjs): its config is built in.
printf 'app:\n  baseUrl: %s\n' "$legacy_url" >"$portal/app-config.legacy.yaml"
configs=(--config "$portal/app-config.yaml" --config "$portal/app-config.check.yaml")
cli=$portal/node_modules/.bin/backstage-cli
(cd "$portal/packages/app" && "$cli" package build "${configs[@]}" >"$logs/build-app.log" 2>&1) &
app_build=$!
pids+=("$app_build")
(cd "$portal/packages/app-legacy" &&
  "$cli" package build "${configs[@]}" --config "$portal/app-config.legacy.yaml" \
    >"$logs/build-app-legacy.log" 2>&1) &
legacy_build=$!
pids+=("$legacy_build")
wait "$app_build" || fail "app build" "$logs/build-app.log"
wait "$legacy_build" || fail "legacy app build" "$logs/build-app-legacy.log"
# The backend's bundle (dist/bundle.tar.gz, what create-app's Dockerfile installs) takes in the
# app built above. Backstage's packager copies the root's yarn.lock into it; npm has none.
[ -f "$portal/yarn.lock" ] || touch "$portal/yarn.lock"
(cd "$portal/packages/backend" && "$cli" package build --skip-build-dependencies \
  >"$logs/build-backend.log" 2>&1) || fail "backend build" "$logs/build-backend.log"
du -sh "$portal/packages/app/dist" "$portal/packages/app-legacy/dist" "$portal/packages/backend/dist"/*

# --- 5. Run them: the backend bundle unpacked as the Dockerfile does, with node, serving the new
# app; the legacy app from its own folder. Rather than a second install of the bundle's
# production dependencies, it resolves them from the portal's node_modules.
phase "start on PostgreSQL"
bundle=$work/bundle
mkdir -p "$bundle"
tar xzf "$portal/packages/backend/dist/bundle.tar.gz" -C "$bundle"
ln -s "$portal/node_modules" "$bundle/node_modules"
cp -r "$portal/examples" "$bundle/examples"
[ -f "$bundle/packages/backend/dist/index.cjs.js" ] || fail "the backend bundle holds no packages/backend/dist/index.cjs.js"
(cd "$bundle/packages/backend" && NODE_ENV=production exec node dist/index.cjs.js "${configs[@]}" \
  >"$logs/backend.log" 2>&1) &
pids+=($!)
backend_pid=$!
node scripts/adopter/serve-static.mjs "$portal/packages/app-legacy/dist" "$legacy_port" \
  >"$logs/legacy-app.log" 2>&1 &
legacy_pid=$!
pids+=("$legacy_pid")
wait_for "$backend_url/.backstage/health/v1/readiness" 300 "$backend_pid" "$logs/backend.log"
wait_for "$legacy_url/" 30 "$legacy_pid" "$logs/legacy-app.log"
echo "[adopter-check] backend $backend_url (new app), legacy app $legacy_url, databases ${db_prefix}*"

# --- 6. In the browser.
phase "browser check"
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  # As .ci/run does: Debian's Chromium; browsers are never downloaded.
  [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null || fail "no Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
set +e
ADOPTER_BACKEND_URL=$backend_url ADOPTER_APPS="new=$backend_url,legacy=$legacy_url" \
  ADOPTER_RUN_ID=$run_id ADOPTER_RESULTS="$repo/test-results/adopter" \
  playwright test -c e2e-tests/adopter/playwright.config.ts 2>&1 | tee "$logs/browser.log"
browser_status=${PIPESTATUS[0]}
set -e
[ "$browser_status" -eq 0 ] || fail "browser check (screenshots in test-results/adopter)" "$logs/backend.log"

phase ""
echo
echo "[adopter-check] passed in $(( $(date +%s) - start )) s:"
printf '  %s\n' "${timings[@]}"
