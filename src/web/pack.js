/*
 * Makes the page: src/web/page.html with the worker (emscripten's glue and
 * worker.js), the WebAssembly module (base64) and the page's script inlined,
 * and a Content-Security-Policy that allows that script by its hash and
 * nothing from anywhere else.
 *   node src/web/pack.js page.html page.js worker.js glue.js module.wasm \
 *       version > ostdiag.html
 */
'use strict';
const fs = require('fs');
const crypto = require('crypto');

const [page, pageScript, worker, glue, wasm, version] = process.argv.slice(2);
if (!version) {
	process.stderr.write('usage: node pack.js page.html page.js worker.js ' +
	    'glue.js module.wasm version\n');
	process.exit(2);
}
const read = (f) => fs.readFileSync(f, 'utf8');

/* Text that goes inside a <script> element as it is. */
function scriptText(what, s) {
	if (/<\/script|<!--/i.test(s)) {
		process.stderr.write(`pack.js: ${what} holds "</script" or "<!--"\n`);
		process.exit(1);
	}
	return s;
}

const script = scriptText('the page script', read(pageScript));
const hash = crypto.createHash('sha256').update(script, 'utf8').digest('base64');
const parts = {
	'@SCRIPT_HASH@': `'sha256-${hash}'`,
	'@VERSION@': version,
	'@WORKER@': scriptText('the worker', read(glue) + '\n' + read(worker)),
	'@WASM@': fs.readFileSync(wasm).toString('base64'),
	'@PAGE_SCRIPT@': script,
};
const template = read(page);
for (const key of Object.keys(parts)) {
	if (template.split(key).length !== 2) {
		process.stderr.write(`pack.js: ${page} must hold ${key} once\n`);
		process.exit(1);
	}
}
process.stdout.write(template.replace(/@[A-Z_]+@/g,
    (key) => parts[key] !== undefined ? parts[key] : key));
