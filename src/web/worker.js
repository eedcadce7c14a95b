/*
 * The page's analysis, in a Web Worker so that the page stays responsive:
 * ostdiag's own main(), compiled to WebAssembly (createOstdiag, inlined
 * before this script), run on a fresh instance for each request, with the
 * dropped files mounted read-only under /in (read a window of a few
 * megabytes at a time, so a large log is never copied whole) and standard
 * output and error collected as bytes.
 *
 * Messages in:  {wasm} once first: the module's bytes, compiled once here
 *               {id, args, files: [{name, blob}]} (files may be empty)
 * Messages out: {id, kind: "progress", done, total}
 *               {id, kind: "result", status, stdout, stderr, ms}
 *               (stdout and stderr Uint8Arrays, ms the run's time)
 *               {id, kind: "failed", message}
 */
'use strict';

let compiled = null;	/* a promise of the compiled WebAssembly.Module */

/* Bytes written to one of the program's streams, grown as needed. */
class ByteSink {
	constructor() {
		this.bytes = new Uint8Array(4096);
		this.length = 0;
	}

	push(b) {
		if (this.length === this.bytes.length) {
			const grown = new Uint8Array(this.bytes.length * 2);
			grown.set(this.bytes);
			this.bytes = grown;
		}
		this.bytes[this.length++] = b;
	}

	take() {
		return this.bytes.slice(0, this.length);
	}
}

/*
 * Reads of a dropped file a window of READ_WINDOW bytes at a time: WORKERFS
 * reads each request of the program (64 KiB) on its own, and such a read of
 * a File costs as much as several megabytes read at once.
 */
const READ_WINDOW = 4 * 1024 * 1024;

function readInWindows(workerfs) {
	const reader = new FileReaderSync();

	workerfs.stream_ops.read = (stream, buffer, offset, length, position) => {
		const node = stream.node;
		const size = node.size;

		if (position >= size || length <= 0)
			return 0;
		let w = node.window;
		if (!w || position < w.start ||
		    position >= w.start + w.bytes.length) {
			const end = Math.min(size, position +
			    Math.max(length, READ_WINDOW));
			w = node.window = {start: position, bytes: new Uint8Array(
			    reader.readAsArrayBuffer(
			    node.contents.slice(position, end)))};
		}
		const from = position - w.start;
		const n = Math.min(length, w.bytes.length - from);
		buffer.set(w.bytes.subarray(from, from + n), offset);
		return n;
	};
}

/*
 * Counts what the program reads of the files under /in, and reports it at
 * most every 100 ms.
 */
function watchReads(mod, id, total) {
	const read = mod.FS.read;
	let done = 0, last = 0;

	mod.FS.read = function (stream, ...rest) {
		const n = read.call(this, stream, ...rest);
		if (stream.path && stream.path.startsWith('/in/') && n > 0) {
			done += n;
			const now = Date.now();
			if (now - last >= 100) {
				last = now;
				postMessage({id, kind: 'progress', done, total});
			}
		}
		return n;
	};
}

/* Runs ostdiag with args over files; resolves to its status and output. */
async function run(id, args, files) {
	const out = new ByteSink(), err = new ByteSink();
	let status = null;
	const start = performance.now();
	const total = files.reduce((n, f) => n + f.blob.size, 0);
	const module = await compiled;
	const mod = await createOstdiag({
		noInitialRun: true,
		instantiateWasm: (imports, ready) => {
			WebAssembly.instantiate(module, imports).then(ready);
			return {};
		},
		print: () => {},
		printErr: () => {},
		onExit: (code) => { status = code; },
		preRun: [(m) => {
			m.FS.init(() => null,
			    (b) => { if (b !== null) out.push(b); },
			    (b) => { if (b !== null) err.push(b); });
		}],
	});
	readInWindows(mod.FS.filesystems.WORKERFS);
	mod.FS.mkdir('/in');
	mod.FS.mount(mod.FS.filesystems.WORKERFS,
	    {blobs: files.map((f) => ({name: f.name, data: f.blob}))}, '/in');
	mod.FS.chdir('/in');
	watchReads(mod, id, total);
	try {
		const rc = mod.callMain(args);
		if (status === null)
			status = rc;
	} catch (e) {
		if (status === null && e && typeof e.status === 'number')
			status = e.status;
		else if (status === null)
			throw e;
	}
	return {status, stdout: out.take(), stderr: err.take(),
	    ms: performance.now() - start};
}

onmessage = async (e) => {
	const {id, args, files, wasm} = e.data;

	if (wasm) {
		compiled = WebAssembly.compile(wasm);
		return;
	}

	try {
		const r = await run(id, args, files || []);
		postMessage({id, kind: 'result', ...r},
		    [r.stdout.buffer, r.stderr.buffer]);
	} catch (x) {
		postMessage({id, kind: 'failed', message: String(x)});
	}
};
