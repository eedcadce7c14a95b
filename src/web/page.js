/*
 * The page's controls: files chosen or dropped are analysed by ostdiag in a
 * worker (worker.js), the HTML report is shown in a sandboxed frame, the
 * report in other formats is made when it is saved, and codes are explained
 * on request. Every run is the command's own: the arguments below are those
 * a user would type, with -j 1 (a page has no threads).
 */
'use strict';

const $ = (id) => document.getElementById(id);
const FORMATS = {
	html: {ext: 'html', type: 'text/html'},
	json: {ext: 'json', type: 'application/json'},
	checklist: {ext: 'md', type: 'text/markdown'},
};
const STATUS_TEXT = {
	0: 'No error in the logs read.',
	1: 'Errors found: the report below explains each one.',
	2: 'Trouble: some inputs could not be analysed (the messages say why); the others are in the report.',
};

let worker = null;
let nextId = 1;
const waiting = new Map();	/* id: {resolve, reject, onProgress} */
let chosen = [];		/* [{name, blob}] of the current analysis */
let outputs = new Map();	/* format: result, for chosen and redact */

/* The worker, started from the script inlined in the page. */
function startWorker() {
	const wasm = decodeBase64($('ostdiag-wasm').textContent);
	const source = $('ostdiag-worker').textContent;
	const url = URL.createObjectURL(new Blob([source],
	    {type: 'text/javascript'}));

	worker = new Worker(url);
	worker.onmessage = (e) => {
		const m = e.data, w = waiting.get(m.id);

		if (!w)
			return;
		if (m.kind === 'progress') {
			if (w.onProgress)
				w.onProgress(m.done, m.total);
			return;
		}
		waiting.delete(m.id);
		if (m.kind === 'result')
			w.resolve(m);
		else
			w.reject(new Error(m.message));
	};
	worker.onerror = (e) => {
		for (const w of waiting.values())
			w.reject(new Error(e.message || 'the analysis stopped'));
		waiting.clear();
	};
	worker.postMessage({wasm}, [wasm.buffer]);
}

function decodeBase64(text) {
	const s = atob(text.trim());
	const bytes = new Uint8Array(s.length);

	for (let i = 0; i < s.length; i++)
		bytes[i] = s.charCodeAt(i);
	return bytes;
}

/* Runs ostdiag with args over files in the worker. */
function ostdiag(args, files, onProgress) {
	const id = nextId++;

	return new Promise((resolve, reject) => {
		waiting.set(id, {resolve, reject, onProgress});
		worker.postMessage({id, args, files});
	});
}

const text = (bytes) => new TextDecoder().decode(bytes);

/*
 * The files with names unique among them: a second "sync.log" becomes
 * "sync (2).log", so that each is read and reported under its own name.
 */
function uniqueNames(fileList) {
	const seen = new Set();

	return Array.from(fileList, (f) => {
		/* "-" would be standard input to the command. */
		let name = f.name.replace(/[\/\\]/g, '_') || 'input';
		if (name === '-')
			name = '_';
		const dot = name.lastIndexOf('.');
		const stem = dot > 0 ? name.slice(0, dot) : name;
		const ext = dot > 0 ? name.slice(dot) : '';

		for (let n = 2; seen.has(name); n++)
			name = `${stem} (${n})${ext}`;
		seen.add(name);
		return {name, blob: f};
	});
}

function reportArgs(format) {
	const args = ['-j', '1', '--format', format];

	if ($('redact').checked)
		args.push('--redact');
	args.push('--');
	return args.concat(chosen.map((f) => f.name));
}

/* The report of the chosen files in format, run once per choice. */
async function report(format, onProgress) {
	if (!outputs.has(format)) {
		const run = ostdiag(reportArgs(format), chosen, onProgress);
		const kept = outputs;

		kept.set(format, run);
		/* A failed run is tried again when asked again. */
		run.catch(() => {
			if (kept.get(format) === run)
				kept.delete(format);
		});
	}
	return outputs.get(format);
}

function setBusy(busy) {
	document.body.dataset.state = busy ? 'busy' : 'done';
	for (const b of document.querySelectorAll('button, input'))
		b.disabled = busy;
}

/* How far the reading of a large input is (from 1 MB on). */
function showProgress(done, total) {
	const p = $('progress');

	if (total < 1048576)
		return;
	p.hidden = false;
	p.max = total || 1;
	p.value = Math.min(done, total);
	$('status').textContent = `Reading: ${Math.round(done / 1048576)} of ` +
	    `${Math.round(total / 1048576)} MB`;
}

/* Shows an HTML report in the frame; resolves once it is laid out. */
function show(html) {
	const frame = $('report');

	return new Promise((resolve) => {
		frame.onload = resolve;
		frame.hidden = false;
		frame.srcdoc = html;
	});
}

/* Analyses the chosen files and shows the report. */
async function analyse() {
	if (chosen.length === 0)
		return;
	outputs = new Map();
	setBusy(true);
	$('status').removeAttribute('data-level');
	$('status').textContent = `Analysing ${chosen.length} ` +
	    (chosen.length === 1 ? 'file' : 'files') + '\u2026';
	$('problems').hidden = true;
	try {
		const r = await report('html', showProgress);
		const problems = text(r.stderr).trim();

		$('problems').textContent = problems;
		$('problems').hidden = problems === '';
		$('status').dataset.level = r.status;
		$('status').textContent = (STATUS_TEXT[r.status] ||
		    `ostdiag ended with status ${r.status}.`) +
		    ` (${(r.ms / 1000).toFixed(1)} s)`;
		document.body.dataset.ms = Math.round(r.ms);
		if (r.stdout.length > 0) {
			await show(text(r.stdout));
			$('save').hidden = false;
		} else {
			$('report').hidden = true;
			$('save').hidden = true;
		}
	} catch (e) {
		$('status').dataset.level = 2;
		$('status').textContent = `The analysis failed: ${e.message}`;
	} finally {
		$('progress').hidden = true;
		setBusy(false);
	}
}

/* Offers the report in format as a file to save. */
async function save(format) {
	setBusy(true);
	try {
		const r = await report(format);
		const f = FORMATS[format];
		const a = document.createElement('a');

		a.href = URL.createObjectURL(new Blob([r.stdout], {type: f.type}));
		a.download = `ostdiag-report.${f.ext}`;
		document.body.appendChild(a);
		a.click();
		a.remove();
		setTimeout(() => URL.revokeObjectURL(a.href), 60000);
	} catch (e) {
		$('status').textContent = `The report could not be made: ${e.message}`;
	} finally {
		setBusy(false);
	}
}

function choose(fileList) {
	if (fileList.length === 0)
		return;
	chosen = uniqueNames(fileList);
	analyse();
}

async function explain(what) {
	if (what.trim() === '')
		return;
	setBusy(true);
	try {
		const r = await ostdiag(['explain', '--', what], []);
		$('explain-out').textContent = text(r.stdout) + text(r.stderr);
	} catch (e) {
		$('explain-out').textContent = `ostdiag: ${e.message}`;
	} finally {
		setBusy(false);
	}
}

$('files').addEventListener('change', (e) => {
	choose(e.target.files);
	e.target.value = '';
});
$('redact').addEventListener('change', analyse);
for (const b of document.querySelectorAll('#save button'))
	b.addEventListener('click', () => save(b.dataset.format));
$('explain-form').addEventListener('submit', (e) => {
	e.preventDefault();
	explain($('explain-text').value);
});

const drop = $('drop');
for (const type of ['dragenter', 'dragover'])
	drop.addEventListener(type, (e) => {
		e.preventDefault();
		drop.classList.add('over');
	});
for (const type of ['dragleave', 'drop'])
	drop.addEventListener(type, () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
	e.preventDefault();
	choose(e.dataTransfer.files);
});
/* A file dropped beside the zone is not opened in place of the page. */
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => e.preventDefault());

try {
	startWorker();
	document.body.dataset.state = 'ready';
	$('status').textContent = 'Ready: choose or drop one or more logs.';
} catch (e) {
	document.body.dataset.state = 'failed';
	$('status').dataset.level = 2;
	$('status').textContent = `This browser cannot run ostdiag: ${e.message}`;
}
