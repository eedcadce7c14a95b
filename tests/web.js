/*
 * The page (build/ostdiag.html) in headless Chromium and Firefox: Chromium
 * driven through the DevTools protocol on a pipe, Firefox through WebDriver
 * BiDi on a WebSocket, both with node's built-ins only. Files are given to
 * the page's file picker as a user picks them; the report it shows and those
 * its save buttons offer (caught as the blob and file name of the link it
 * clicks) are compared byte for byte with the command's on the same files;
 * what it shows for codes to explain and for inputs that are no log is
 * checked, and so are keyboard reach and that no request leaves the page. It
 * measures the page on a large log against the command.
 *   node tests/web.js PAGE OSTDIAG GENLOG
 * Environment: CHROMIUM (default chromium), FIREFOX (default firefox-esr, or
 * firefox; "no" leaves it out), WEB_LARGE (bytes of the large log, default
 * 10485760; 0 leaves it out).
 */
'use strict';
const {spawn, spawnSync} = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const {StringDecoder} = require('string_decoder');

const [pageArg, ostdiagArg, genlogArg] = process.argv.slice(2);
if (!genlogArg) {
	process.stderr.write('usage: node tests/web.js PAGE OSTDIAG GENLOG\n');
	process.exit(2);
}
const page = path.resolve(pageArg);
const ostdiag = path.resolve(ostdiagArg);
const genlog = path.resolve(genlogArg);
const top = path.resolve(__dirname, '..');
const largeSize = Number(process.env.WEB_LARGE || 10485760);
const PAGE_MAX = 1.5 * 1024 * 1024;
const TIMEOUT_MS = 120000;
const SAVED_AS = {html: 'html', json: 'json', checklist: 'md'};

let pass = 0, fail = 0;
let where = '';		/* the browser at work */
const ok = () => { pass++; };
const no = (why) => { console.log(`web: ${where}: ${why}`); fail++; };

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ostdiag-web-'));

/* Chromium, driven with the DevTools protocol: NUL-terminated JSON on a pipe. */
class Chromium {
	constructor() {
		const profile = path.join(tmp, 'chromium');
		this.proc = spawn(process.env.CHROMIUM || 'chromium', [
			'--headless=new', '--remote-debugging-pipe',
			'--no-sandbox', '--disable-gpu', '--no-first-run',
			'--no-default-browser-check', '--disable-extensions',
			`--user-data-dir=${profile}`, 'about:blank',
		], {stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe']});
		this.proc.stderr.on('data', () => {});
		this.next = 1;
		this.calls = new Map();
		this.listeners = [];
		this.buffer = '';
		this.decoder = new StringDecoder('utf8');
		this.proc.stdio[4].on('data', (chunk) => this.receive(chunk));
		this.exited = new Promise((r) => this.proc.on('exit', r));
	}

	receive(chunk) {
		this.buffer += this.decoder.write(chunk);
		let end;
		while ((end = this.buffer.indexOf('\0')) >= 0) {
			const m = JSON.parse(this.buffer.slice(0, end));
			this.buffer = this.buffer.slice(end + 1);
			if (m.id && this.calls.has(m.id)) {
				const {resolve, reject, method} = this.calls.get(m.id);
				this.calls.delete(m.id);
				if (m.error)
					reject(new Error(`${method}: ${m.error.message}`));
				else
					resolve(m.result);
			} else if (m.method) {
				for (const l of this.listeners)
					l(m);
			}
		}
	}

	send(method, params = {}, sessionId) {
		const id = this.next++;
		const msg = {id, method, params};
		if (sessionId)
			msg.sessionId = sessionId;
		this.proc.stdio[3].write(JSON.stringify(msg) + '\0');
		return new Promise((resolve, reject) =>
			this.calls.set(id, {resolve, reject, method}));
	}

	async close() {
		this.proc.stdio[3].end();
		const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5000);
		await this.exited;
		clearTimeout(timer);
	}

	/* A tab with url open. */
	async open(url) {
		const {targetId} = await this.send('Target.createTarget',
		    {url: 'about:blank'});
		const {sessionId} = await this.send('Target.attachToTarget',
		    {targetId, flatten: true});
		const tab = new ChromiumTab(this, sessionId);
		await tab.send('Network.enable');
		await tab.send('Page.enable');
		await tab.send('Page.navigate', {url});
		return tab;
	}
}

/*
 * What the tests do in a tab, on top of what each browser's tab gives:
 * eval(expression) as if the user had just acted, setFiles(selector, paths),
 * pressTab() and requests (the URLs the page asked for).
 */
class Tab {
	constructor() {
		this.requests = [];
	}

	/* Waits until the expression is true, within ms. */
	async until(expression, ms = TIMEOUT_MS) {
		const end = Date.now() + ms;
		while (Date.now() < end) {
			/* While the page loads, it may have no context yet. */
			if (await this.eval(expression).catch(() => false))
				return;
			await new Promise((r) => setTimeout(r, 10));
		}
		throw new Error(`timed out: ${expression}`);
	}

	/* Gives paths to the file picker; resolves when the analysis is done. */
	async pick(paths) {
		await this.eval("document.body.dataset.state = 'picking'");
		await this.setFiles('#files', paths);
		await this.until("document.body.dataset.state === 'done'");
	}

	/*
	 * Catches what the page offers to save: the link it clicks, with its
	 * file name and the blob behind it, instead of the browser's download.
	 */
	async catchSaves() {
		await this.eval(`(() => {
			const made = new Map(), create = URL.createObjectURL;
			window.saved = [];
			URL.createObjectURL = (blob) => {
				const url = create(blob);
				made.set(url, blob);
				return url;
			};
			HTMLAnchorElement.prototype.click = function () {
				window.saved.push({name: this.download,
				    blob: made.get(this.href)});
			};
		})()`);
	}

	/* The name and bytes the page saves with the button of format. */
	async save(format) {
		await this.eval('window.saved.length = 0');
		await this.eval(`document.querySelector(` +
		    `'#save [data-format="${format}"]').click()`);
		await this.until('window.saved.length > 0');
		const got = await this.eval(`(async () => {
			const s = window.saved[0];
			const b = new Uint8Array(await s.blob.arrayBuffer());
			let bin = '';
			for (let i = 0; i < b.length; i += 32768)
				bin += String.fromCharCode(...b.subarray(i, i + 32768));
			return {name: s.name, type: s.blob.type, base64: btoa(bin)};
		})()`);
		return {name: got.name, type: got.type,
		    bytes: Buffer.from(got.base64, 'base64')};
	}
}

class ChromiumTab extends Tab {
	constructor(browser, sessionId) {
		super();
		this.b = browser;
		this.s = sessionId;
		browser.listeners.push((m) => {
			if (m.sessionId === sessionId &&
			    m.method === 'Network.requestWillBeSent')
				this.requests.push(m.params.request.url);
		});
	}

	send(method, params) {
		return this.b.send(method, params, this.s);
	}

	async eval(expression) {
		const r = await this.send('Runtime.evaluate', {expression,
		    returnByValue: true, awaitPromise: true, userGesture: true});
		if (r.exceptionDetails)
			throw new Error(`${expression}: ${r.exceptionDetails.text}`);
		return r.result.value;
	}

	async setFiles(selector, files) {
		const doc = await this.send('DOM.getDocument', {depth: 0});
		const {nodeId} = await this.send('DOM.querySelector',
		    {nodeId: doc.root.nodeId, selector});
		await this.send('DOM.setFileInputFiles', {nodeId, files});
	}

	async pressTab() {
		for (const type of ['keyDown', 'keyUp'])
			await this.send('Input.dispatchKeyEvent', {type, key: 'Tab',
			    code: 'Tab', windowsVirtualKeyCode: 9});
	}
}

/*
 * A WebSocket client, as much of RFC 6455 as WebDriver BiDi needs: text
 * messages, masked as a client must, in frames of any length, pings answered.
 */
class WebSocketClient {
	static connect(port, where) {
		return new Promise((resolve, reject) => {
			const sock = net.connect(port, '127.0.0.1');
			const key = crypto.randomBytes(16).toString('base64');
			let head = Buffer.alloc(0);
			const onData = (chunk) => {
				head = Buffer.concat([head, chunk]);
				const end = head.indexOf('\r\n\r\n');
				if (end < 0)
					return;
				sock.off('data', onData);
				if (!/^HTTP\/1\.1 101 /.test(head.toString('latin1'))) {
					reject(new Error('WebSocket refused: ' +
					    head.toString('latin1').split('\r\n')[0]));
					sock.destroy();
					return;
				}
				const ws = new WebSocketClient(sock);
				resolve(ws);
				ws.receive(head.subarray(end + 4));
			};
			sock.on('data', onData);
			sock.on('error', reject);
			sock.write(`GET ${where} HTTP/1.1\r\n` +
			    `Host: 127.0.0.1:${port}\r\nUpgrade: websocket\r\n` +
			    `Connection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\n` +
			    'Sec-WebSocket-Version: 13\r\n\r\n');
		});
	}

	constructor(sock) {
		this.sock = sock;
		this.buffer = Buffer.alloc(0);
		this.parts = [];
		this.onmessage = () => {};
		sock.on('data', (chunk) => this.receive(chunk));
		sock.on('error', () => {});
	}

	receive(chunk) {
		this.buffer = Buffer.concat([this.buffer, chunk]);
		for (;;) {
			const b = this.buffer;
			if (b.length < 2)
				return;
			let len = b[1] & 127, at = 2;
			if (len === 126) {
				if (b.length < 4)
					return;
				len = b.readUInt16BE(2);
				at = 4;
			} else if (len === 127) {
				if (b.length < 10)
					return;
				len = Number(b.readBigUInt64BE(2));
				at = 10;
			}
			if (b.length < at + len)
				return;
			const fin = (b[0] & 128) !== 0, opcode = b[0] & 15;
			const payload = b.subarray(at, at + len);
			this.buffer = b.subarray(at + len);
			if (opcode === 9)
				this.frame(10, payload);
			else if (opcode === 1 || opcode === 0) {
				this.parts.push(Buffer.from(payload));
				if (fin) {
					const text = Buffer.concat(this.parts)
					    .toString('utf8');
					this.parts = [];
					this.onmessage(text);
				}
			}
		}
	}

	frame(opcode, payload) {
		const mask = crypto.randomBytes(4);
		let head;
		if (payload.length < 126)
			head = Buffer.from([128 | opcode, 128 | payload.length]);
		else if (payload.length < 65536) {
			head = Buffer.from([128 | opcode, 128 | 126, 0, 0]);
			head.writeUInt16BE(payload.length, 2);
		} else {
			head = Buffer.alloc(10);
			head[0] = 128 | opcode;
			head[1] = 128 | 127;
			head.writeBigUInt64BE(BigInt(payload.length), 2);
		}
		const masked = Buffer.from(payload);
		for (let i = 0; i < masked.length; i++)
			masked[i] ^= mask[i & 3];
		this.sock.write(Buffer.concat([head, mask, masked]));
	}

	send(text) {
		this.frame(1, Buffer.from(text, 'utf8'));
	}

	close() {
		this.sock.destroy();
	}
}

/* Firefox, driven with WebDriver BiDi. */
class Firefox {
	static async start(program) {
		const profile = path.join(tmp, 'firefox');
		fs.mkdirSync(profile);
		/* Nothing of its own fetched: updates, telemetry, checks. */
		const prefs = {
			'app.update.disabledForTesting': true,
			'browser.shell.checkDefaultBrowser': false,
			'datareporting.policy.dataSubmissionEnabled': false,
			'toolkit.telemetry.enabled': false,
			'browser.safebrowsing.malware.enabled': false,
			'browser.safebrowsing.phishing.enabled': false,
			'network.captive-portal-service.enabled': false,
			'network.connectivity-service.enabled': false,
			'extensions.update.enabled': false,
		};
		fs.writeFileSync(path.join(profile, 'user.js'),
		    Object.entries(prefs).map(([k, v]) =>
		    `user_pref("${k}", ${v});\n`).join(''));
		const proc = spawn(program, ['--headless', '--no-remote',
		    '--remote-debugging-port=0', '--profile', profile],
		    {stdio: ['ignore', 'ignore', 'pipe']});
		const port = await new Promise((resolve, reject) => {
			let said = '';
			const timer = setTimeout(() => reject(new Error(
			    `${program} did not start: ${said.slice(-300)}`)), 60000);
			proc.stderr.on('data', (d) => {
				said += d;
				const m = /WebDriver BiDi listening on ws:\/\/[^:]+:(\d+)/
				    .exec(said);
				if (m) {
					clearTimeout(timer);
					resolve(Number(m[1]));
				}
			});
			proc.on('exit', () => reject(new Error(
			    `${program} ended: ${said.slice(-300)}`)));
		});
		const ff = new Firefox(proc, await WebSocketClient.connect(port,
		    '/session'));
		await ff.send('session.new', {capabilities: {}});
		return ff;
	}

	constructor(proc, ws) {
		this.proc = proc;
		this.ws = ws;
		this.next = 1;
		this.calls = new Map();
		this.listeners = [];
		this.exited = new Promise((r) => proc.on('exit', r));
		ws.onmessage = (text) => {
			const m = JSON.parse(text);
			if (m.id && this.calls.has(m.id)) {
				const {resolve, reject, method} = this.calls.get(m.id);
				this.calls.delete(m.id);
				if (m.type === 'error')
					reject(new Error(`${method}: ${m.error}: ` +
					    m.message));
				else
					resolve(m.result);
			} else if (m.method) {
				for (const l of this.listeners)
					l(m);
			}
		};
	}

	send(method, params = {}) {
		const id = this.next++;
		this.ws.send(JSON.stringify({id, method, params}));
		return new Promise((resolve, reject) =>
			this.calls.set(id, {resolve, reject, method}));
	}

	async open(url) {
		const {context} = await this.send('browsingContext.create',
		    {type: 'tab'});
		const tab = new FirefoxTab(this, context);
		await this.send('session.subscribe',
		    {events: ['network.beforeRequestSent']});
		await this.send('browsingContext.navigate',
		    {context, url, wait: 'complete'});
		return tab;
	}

	async close() {
		await this.send('browser.close').catch(() => {});
		this.ws.close();
		const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5000);
		await this.exited;
		clearTimeout(timer);
	}
}

/* A value as BiDi serializes it, as JSON would have it. */
function fromBidi(v) {
	switch (v.type) {
	case 'undefined': case 'null': return null;
	case 'string': case 'boolean': return v.value;
	case 'number': return typeof v.value === 'number' ? v.value : NaN;
	case 'array': return v.value.map(fromBidi);
	case 'object': return Object.fromEntries(v.value.map(([k, x]) =>
	    [typeof k === 'string' ? k : fromBidi(k), fromBidi(x)]));
	default: return v;
	}
}

class FirefoxTab extends Tab {
	constructor(browser, context) {
		super();
		this.b = browser;
		this.context = context;
		browser.listeners.push((m) => {
			if (m.method === 'network.beforeRequestSent' &&
			    m.params.context === context)
				this.requests.push(m.params.request.url);
		});
	}

	async evaluate(expression) {
		const r = await this.b.send('script.evaluate', {expression,
		    target: {context: this.context}, awaitPromise: true,
		    userActivation: true});
		if (r.type === 'exception')
			throw new Error(`${expression}: ` +
			    r.exceptionDetails.text);
		return r.result;
	}

	async eval(expression) {
		return fromBidi(await this.evaluate(expression));
	}

	async setFiles(selector, files) {
		const element = await this.evaluate(
		    `document.querySelector(${JSON.stringify(selector)})`);
		await this.b.send('input.setFiles', {context: this.context,
		    element: {sharedId: element.sharedId}, files});
	}

	async pressTab() {
		await this.b.send('input.performActions', {context: this.context,
		    actions: [{type: 'key', id: 'keyboard', actions: [
			{type: 'keyDown', value: '\uE004'},
			{type: 'keyUp', value: '\uE004'},
		    ]}]});
	}
}

/* The command on the same names, in a folder holding the files. */
function command(dir, args) {
	const r = spawnSync(ostdiag, args, {cwd: dir, maxBuffer: 1 << 30});
	return {status: r.status, stdout: r.stdout, stderr: r.stderr};
}

/* A folder with a copy of each file under its own name. */
function folderOf(paths) {
	const dir = fs.mkdtempSync(path.join(tmp, 'in-'));
	for (const p of paths)
		fs.copyFileSync(p, path.join(dir, path.basename(p)));
	return dir;
}

function same(what, got, want) {
	if (Buffer.compare(Buffer.from(got), Buffer.from(want)) === 0) {
		ok();
		return;
	}
	const g = Buffer.from(got).toString('utf8').split('\n');
	const w = Buffer.from(want).toString('utf8').split('\n');
	let i = 0;
	while (i < g.length && i < w.length && g[i] === w[i])
		i++;
	no(`${what} differs from the command's at line ${i + 1}:\n` +
	    `  page:    ${JSON.stringify(g[i])}\n` +
	    `  command: ${JSON.stringify(w[i])}`);
}

/*
 * Picks paths in the page, and compares the status, the messages, the report
 * shown and the reports saved in formats with the command's.
 */
async function compare(tab, what, paths, formats, redact = false) {
	try {
		await compareIn(tab, what, paths, formats, redact);
	} catch (e) {
		no(`${what}: ${e.message}`);
	}
}

async function compareIn(tab, what, paths, formats, redact) {
	await tab.eval(`document.getElementById('redact').checked = ${redact}`);
	await tab.pick(paths);
	const dir = folderOf(paths);
	const names = paths.map((p) => path.basename(p));
	const extra = redact ? ['--redact'] : [];
	const html = command(dir, ['-j', '1', '--format', 'html', ...extra,
	    '--', ...names]);

	const status = await tab.eval(
	    "document.getElementById('status').dataset.level");
	if (String(html.status) === status)
		ok();
	else
		no(`${what}: status ${status}, the command's ${html.status}`);
	const problems = await tab.eval(
	    "document.getElementById('problems').textContent");
	if (problems === html.stderr.toString('utf8').trim())
		ok();
	else
		no(`${what}: messages ${JSON.stringify(problems)}, the ` +
		    `command's ${JSON.stringify(html.stderr.toString())}`);
	const shown = await tab.eval(
	    "document.getElementById('report').srcdoc");
	same(`${what}: the report shown`, Buffer.from(shown, 'utf8'),
	    html.stdout);
	for (const format of formats) {
		const want = format === 'html' ? html : command(dir,
		    ['-j', '1', '--format', format, ...extra, '--', ...names]);
		const saved = await tab.save(format);
		same(`${what}: the ${format} saved`, saved.bytes, want.stdout);
		const name = `ostdiag-report.${SAVED_AS[format]}`;
		saved.name === name ? ok() : no(`${what}: the ${format} is ` +
		    `saved as ${JSON.stringify(saved.name)}, not ${name}`);
	}
}

/* Every check, in a tab of one browser with the page open. */
async function suite(tab) {
	await tab.until("document.body.dataset.state === 'ready'");
	await tab.catchSaves();

	const samples = fs.readdirSync(path.join(top, 'samples'))
	    .filter((f) => f.endsWith('.log'))
	    .map((f) => path.join(top, 'samples', f));
	const fixtures = fs.readdirSync(path.join(top, 'tests/fixtures'))
	    .map((f) => path.join(top, 'tests/fixtures', f));

	for (const f of samples.concat(fixtures).sort())
		await compare(tab, path.basename(f), [f], ['html', 'json']);
	await compare(tab, 'every sample and fixture at once',
	    samples.concat(fixtures), ['html', 'json', 'checklist']);
	await compare(tab, 'redacted', [samples[0], fixtures[0]],
	    ['html', 'json', 'checklist'], true);

	/* Inputs that are not logs: their reasons, and status 2. */
	const junk = path.join(tmp, 'junk.bin');
	fs.writeFileSync(junk, Buffer.from(Array.from({length: 4096},
	    (_, i) => (i * 7919 + 13) & 255)));
	const notes = path.join(tmp, 'notes.txt');
	fs.writeFileSync(notes, 'Call the user back on Monday.\n');
	await compare(tab, 'not logs', [junk, notes], ['json']);
	await compare(tab, 'a log among inputs that are not',
	    [junk, samples[0]], ['json']);

	/* Two inputs of one name: the second is read as "name (2).ext". */
	const twin = [path.join(tmp, 'a'), path.join(tmp, 'b')];
	const twinDir = path.join(tmp, 'twins');
	for (const d of twin.concat(twinDir))
		fs.mkdirSync(d, {recursive: true});
	fs.copyFileSync(samples[0], path.join(twin[0], 'sync.log'));
	fs.copyFileSync(samples[1], path.join(twin[1], 'sync.log'));
	fs.copyFileSync(samples[0], path.join(twinDir, 'sync.log'));
	fs.copyFileSync(samples[1], path.join(twinDir, 'sync (2).log'));
	await tab.pick(twin.map((d) => path.join(d, 'sync.log')));
	same('two inputs of one name', (await tab.save('json')).bytes,
	    command(twinDir, ['-j', '1', '--format', 'json', '--',
	    'sync.log', 'sync (2).log']).stdout);

	/* An Outlook data file: the page's build has no libpff, and says so. */
	const pst = path.join(top, '..', 'shared', 'pst', 'sync-issues.pst');
	if (fs.existsSync(pst)) {
		await tab.pick([pst]);
		const said = await tab.eval(
		    "document.getElementById('problems').textContent");
		const level = await tab.eval(
		    "document.getElementById('status').dataset.level");
		/not in this build/.test(said) && level === '2' ? ok() :
		    no(`a .pst: status ${level}, ${JSON.stringify(said)}`);
	} else {
		console.log(`web: ${where}: ../shared/pst absent: the .pst case ` +
		    'is skipped');
	}

	/* The explanation box. */
	for (const what of ['8004010F-501-0-521', 'Q168734', 'nothing-such']) {
		await tab.eval(`document.getElementById('explain-text').value =` +
		    ` ${JSON.stringify(what)}`);
		await tab.eval("document.getElementById('explain-out')" +
		    ".textContent = ''");
		await tab.eval("document.querySelector('#explain-form " +
		    "button').click()");
		await tab.until("document.getElementById('explain-out')" +
		    ".textContent !== ''");
		const shown = await tab.eval(
		    "document.getElementById('explain-out').textContent");
		const r = command(tmp, ['explain', '--', what]);
		same(`explain ${what}`, Buffer.from(shown, 'utf8'),
		    Buffer.concat([r.stdout, r.stderr]));
	}

	/* Every control is reached with the Tab key. */
	const reached = new Set();
	await tab.eval('document.activeElement.blur()');
	for (let i = 0; i < 12; i++) {
		await tab.pressTab();
		reached.add(await tab.eval('document.activeElement.id || ' +
		    'document.activeElement.dataset.format || ' +
		    'document.activeElement.tagName'));
	}
	for (const id of ['files', 'redact', 'html', 'json', 'checklist',
	    'explain-text'])
		reached.has(id) ? ok() : no(`the Tab key never reaches ${id}`);

	/*
	 * A large log: the same report, and the time of the analysis in the
	 * page against the command's, the best of RUNS each.
	 */
	if (largeSize > 0) {
		const RUNS = 3;
		const large = path.join(tmp, 'large.log');
		const g = spawnSync(genlog, [String(largeSize)],
		    {maxBuffer: 1 << 30});
		fs.writeFileSync(large, g.stdout);
		let runMs = Infinity, pageMs = Infinity, nativeMs = Infinity;
		let native;
		/* The bar shows the reading of a large input as it goes. */
		await tab.eval(`(() => {
			const bar = document.getElementById('progress');
			window.progressSeen = 0;
			new MutationObserver(() => {
				if (!bar.hidden && bar.value > 0 && bar.value < bar.max)
					window.progressSeen++;
			}).observe(bar, {attributes: true});
		})()`);
		for (let i = 0; i < RUNS; i++) {
			const t0 = process.hrtime.bigint();
			await tab.pick([large]);
			pageMs = Math.min(pageMs,
			    Number(process.hrtime.bigint() - t0) / 1e6);
			runMs = Math.min(runMs, Number(await tab.eval(
			    'document.body.dataset.ms')));
			const t1 = process.hrtime.bigint();
			native = command(tmp, ['-j', '1', '--format', 'html',
			    'large.log']);
			nativeMs = Math.min(nativeMs,
			    Number(process.hrtime.bigint() - t1) / 1e6);
		}
		const seen = await tab.eval('window.progressSeen');
		seen > 0 ? ok() : no('the large log: no progress was shown');
		const shown = await tab.eval(
		    "document.getElementById('report').srcdoc");
		same('the large log\'s report', Buffer.from(shown, 'utf8'),
		    native.stdout);
		console.log(`web: ${where}: ` +
		    `${(largeSize / 1048576).toFixed(0)} MB log, ` +
		    `best of ${RUNS}: analysed in the page in ${runMs} ms ` +
		    `(${pageMs.toFixed(0)} ms from picking to the report ` +
		    `shown), the command ${nativeMs.toFixed(0)} ms: ` +
		    `${(runMs / nativeMs).toFixed(1)}x (target: 4x at most)`);
	}

	/* Nothing was fetched from anywhere but the page itself. */
	const remote = tab.requests.filter((u) => !/^(file|blob|data):/.test(u));
	remote.length === 0 ? ok() : no(`requests made: ${remote.join(', ')}`);

}

/* The Firefox to run: FIREFOX, or firefox-esr or firefox on the PATH. */
function firefoxProgram() {
	if (process.env.FIREFOX)
		return process.env.FIREFOX === 'no' ? null : process.env.FIREFOX;
	for (const name of ['firefox-esr', 'firefox'])
		if (spawnSync('sh', ['-c', `command -v ${name}`]).status === 0)
			return name;
	return null;
}

async function main() {
	const size = fs.statSync(page).size;
	if (size <= PAGE_MAX)
		ok();
	else
		no(`the page is ${size} bytes, over ${PAGE_MAX}`);
	console.log(`web: page ${(size / 1048576).toFixed(2)} MB`);

	const browsers = [['chromium', () => new Chromium()]];
	const firefox = firefoxProgram();
	if (firefox)
		browsers.push(['firefox', () => Firefox.start(firefox)]);
	else if (process.env.FIREFOX === 'no')
		console.log('web: FIREFOX=no: Firefox is left out');
	else
		console.log('web: no firefox-esr or firefox: its run is skipped');
	for (const [name, start] of browsers) {
		where = name;
		const browser = await start();
		try {
			await suite(await browser.open(`file://${page}`));
		} catch (e) {
			no(e.stack || String(e));
		} finally {
			await browser.close();
		}
	}
}

main().catch((e) => {
	no(e.stack || String(e));
}).finally(() => {
	fs.rmSync(tmp, {recursive: true, force: true});
	console.log(`web: ${pass} passed, ${fail} failed`);
	process.exit(fail === 0 ? 0 : 1);
});
