#!/usr/bin/env node
/*
 * Reads the install steps of README.md ("Installing into an existing Backstage") and applies
 * them to a portal, so that the adopter check runs exactly what an adopter reads. Every code
 * block of that section must carry an `<!-- adopter-check: ... -->` note:
 *
 *   step=N            the step it belongs to (its bold "**N. ...**" line names the step)
 *   systems=new,legacy  the frontend systems it applies to
 *   run               a shell block: each line runs in the portal's root
 *   file=PATH         a code block that goes into PATH (relative to the portal's root), at:
 *     imports           after the file's last import statement
 *     after="TEXT"      after the first line containing TEXT
 *     before="TEXT"     before the first line containing TEXT
 *     within="A >> B"   (with after/before) searching only from the line containing A, then
 *                       from the next line containing B
 *
 * Usage:
 *   node readme-steps.mjs list
 *   node readme-steps.mjs apply --portal DIR --system new=packages/app --system legacy=packages/app-legacy
 *       --package NAME=TARBALL ...
 * `apply` runs the blocks for each system in turn; blocks that do not concern the app
 * (`packages/app`) run once. The app's folder of each system replaces `packages/app`, and
 * `npm install NAME` installs the tarball given for NAME instead of the registry's version.
 */
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SECTION = '## Installing into an existing Backstage';
const README = resolve(import.meta.dirname, '..', '..', 'README.md');

function fail(message) {
  console.error(`[adopter-check] README: ${message}`);
  process.exit(1);
}

function parseNote(text) {
  const attrs = {};
  for (const m of text.matchAll(/(\w+)(?:=(?:"([^"]*)"|'([^']*)'|(\S+)))?/g)) {
    attrs[m[1]] = m[2] ?? m[3] ?? m[4] ?? true;
  }
  return attrs;
}

/** The section's steps and annotated blocks, in order. */
export function readSteps(readme = readFileSync(README, 'utf8')) {
  const start = readme.indexOf(SECTION);
  if (start < 0) fail(`no "${SECTION}" section`);
  const end = readme.indexOf('\n## ', start + SECTION.length);
  const lines = readme.slice(start, end < 0 ? undefined : end).split('\n');
  const steps = new Map();
  const blocks = [];
  let note;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const title = line.match(/^\*\*(\d+)\. (.+?)\*\*/);
    if (title) steps.set(title[1], title[2].replace(/:$/, ''));
    const noteMatch = line.match(/^<!-- adopter-check: (.*) -->$/);
    if (noteMatch) {
      note = parseNote(noteMatch[1]);
      continue;
    }
    if (line.startsWith('```')) {
      const body = [];
      for (i++; i < lines.length && !lines[i].startsWith('```'); i++) body.push(lines[i]);
      if (!note) fail(`the code block starting "${body[0] ?? ''}" has no adopter-check note`);
      if (!note.step || !note.systems) fail(`a note lacks step= or systems=: ${JSON.stringify(note)}`);
      if (!note.run && !note.file) fail(`a note says neither run nor file=: ${JSON.stringify(note)}`);
      blocks.push({ ...note, systems: String(note.systems).split(','), body });
      note = undefined;
      continue;
    }
    if (line.trim() !== '' && note) fail(`an adopter-check note is not followed by a code block`);
  }
  for (const block of blocks) {
    if (!steps.has(block.step)) fail(`step ${block.step} has blocks but no "**${block.step}. ...**" line`);
  }
  return { steps, blocks };
}

const concernsApp = block =>
  (block.file ?? '').startsWith('packages/app/') ||
  block.body.some(line => /(^|\s)packages\/app(\s|\/|$)/.test(line));

function lastImportLine(lines) {
  let last = -1;
  lines.forEach((line, i) => {
    if (/^import\s.*;\s*$/.test(line) || /^\} from ['"][^'"]+['"];\s*$/.test(line)) last = i;
  });
  return last;
}

function findLine(lines, text, from, file) {
  const i = lines.findIndex((line, n) => n >= from && line.includes(text));
  if (i < 0) fail(`"${text}" not found in ${file}`);
  return i;
}

function applyToFile(portal, file, block) {
  const path = join(portal, file);
  const lines = readFileSync(path, 'utf8').split('\n');
  let at;
  if (block.imports) {
    at = lastImportLine(lines) + 1;
  } else {
    let from = 0;
    for (const part of block.within ? String(block.within).split(' >> ') : []) {
      from = findLine(lines, part, from, file) + 1;
    }
    if (block.after) at = findLine(lines, block.after, from, file) + 1;
    else if (block.before) at = findLine(lines, block.before, from, file);
    else fail(`the block for ${file} says neither imports, after= nor before=`);
  }
  lines.splice(at, 0, ...block.body);
  writeFileSync(path, lines.join('\n'));
  console.log(`[adopter-check]   ${file}: ${block.body.length} lines at line ${at + 1}`);
}

function run(portal, block, packages) {
  for (const raw of block.body) {
    if (!raw.trim()) continue;
    // The registry's package becomes its tarball; everything else runs as written.
    const command = raw.replace(/@release-coordination\/[\w-]+/g, name => {
      if (!packages[name]) fail(`no tarball given for ${name}`);
      return `file:${packages[name]}`;
    });
    console.log(`[adopter-check]   $ ${command}`);
    execSync(command, { cwd: portal, stdio: 'inherit', shell: '/bin/bash' });
  }
}

function apply(args) {
  let portal;
  const systems = [];
  const packages = {};
  for (let i = 0; i < args.length; i += 2) {
    const [key, value] = [args[i], args[i + 1]];
    if (key === '--portal') portal = resolve(value);
    else if (key === '--system') systems.push(value.split('='));
    else if (key === '--package') {
      const at = value.indexOf('=', 1);
      packages[value.slice(0, at)] = resolve(value.slice(at + 1));
    } else fail(`unknown argument ${key}`);
  }
  const { steps, blocks } = readSteps();
  const done = new Set();
  for (const [system, appDir] of systems) {
    console.log(`[adopter-check] applying the README's steps for the ${system} frontend system`);
    for (const block of blocks) {
      if (!block.systems.includes(system)) continue;
      const shared = !concernsApp(block);
      if (shared && done.has(block)) continue;
      done.add(block);
      console.log(`[adopter-check]  step ${block.step}. ${steps.get(block.step)}`);
      const mapped = {
        ...block,
        file: block.file?.replace(/^packages\/app\//, `${appDir}/`),
        body: block.run
          ? block.body.map(line => line.replace(/(^|\s)packages\/app(?=\s|\/|$)/g, `$1${appDir}`))
          : block.body,
      };
      if (block.run) run(portal, mapped, packages);
      else applyToFile(portal, mapped.file, mapped);
    }
  }
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'list') {
  const { steps, blocks } = readSteps();
  for (const [n, title] of steps) {
    const systems = [...new Set(blocks.filter(b => b.step === n).flatMap(b => b.systems))];
    console.log(`${n}. ${title} (${systems.join(', ')})`);
  }
} else if (command === 'apply') {
  apply(rest);
} else {
  fail('usage: readme-steps.mjs list | apply --portal DIR --system NAME=APP_DIR ... --package NAME=TARBALL ...');
}
