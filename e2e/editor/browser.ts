/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The browser of the editor e2e: Debian's chromium (/usr/bin/chromium, installed by .ci/run with
 * apt; never downloaded) driven by puppeteer-core. Flags keep it off the network (the CI machine
 * only reaches loopback and the package mirrors) and a fresh profile per run.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import puppeteer, { type Browser, type ConsoleMessage, type ElementHandle, type Page } from 'puppeteer-core';

import { lib } from '../harness';

export const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';

/** Screenshots (and page HTML) of failed steps: git-ignored, kept until the next run. */
export const ARTEFACTS = path.join(lib.LOCAL_DIR, 'e2e', 'artefacts');

export interface ConsoleEntry {
	type: string;
	text: string;
	url: string;
}

export interface EditorBrowser {
	browser: Browser;
	page: Page;
	base: string;
	/** Console errors and uncaught page errors since launch. */
	errors: ConsoleEntry[];
	/** Saves a screenshot and the HTML under ARTEFACTS as <name>.png / .html; returns the PNG path. */
	capture(name: string): Promise<string>;
	close(): Promise<void>;
}

export async function launchEditor(base: string): Promise<EditorBrowser> {
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does), or set E2E_CHROMIUM`);
	}
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lg-e2e-chromium-'));
	const browser = await puppeteer.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			`--user-data-dir=${profile}`,
		],
		defaultViewport: { width: 1600, height: 1000 },
		protocolTimeout: 120000,
	});
	const page = await browser.newPage();
	page.setDefaultTimeout(30000);
	const errors: ConsoleEntry[] = [];
	page.on('console', (m: ConsoleMessage) => {
		if (m.type() === 'error') errors.push({ type: 'console', text: m.text(), url: m.location()?.url ?? '' });
	});
	page.on('pageerror', (e: unknown) => {
		const err = e as Error;
		errors.push({ type: 'pageerror', text: `${err?.message ?? e}\n${err?.stack ?? ''}`, url: '' });
	});
	fs.mkdirSync(ARTEFACTS, { recursive: true });
	return {
		browser,
		page,
		base,
		errors,
		async capture(name) {
			const file = path.join(ARTEFACTS, `${name.replace(/[^a-z0-9-]+/gi, '_').slice(0, 100)}.png`);
			try {
				await page.screenshot({ path: file as `${string}.png`, fullPage: false });
				fs.writeFileSync(file.replace(/\.png$/, '.html'), await page.content());
			} catch (err) {
				process.stderr.write(`[e2e] screenshot failed: ${(err as Error).message}\n`);
			}
			return file;
		},
		async close() {
			await browser.close().catch(() => undefined);
			fs.rmSync(profile, { recursive: true, force: true });
		},
	};
}

export const sel = (testId: string) => `[data-test-id="${testId}"]`;
export const nodeSel = (name: string) => `[data-test-id="canvas-node"][data-node-name="${name.replace(/"/g, '\\"')}"]`;

export async function signIn(eb: EditorBrowser, owner: { email: string; password: string }): Promise<void> {
	const { page } = eb;
	await page.goto(`${eb.base}/signin`, { waitUntil: 'networkidle2' });
	await page.waitForSelector('#emailOrLdapLoginId');
	await page.type('#emailOrLdapLoginId', owner.email);
	await page.type('#password', owner.password);
	await page.click(sel('form-submit-button'));
	await page.waitForSelector(sel('main-sidebar-settings'), { timeout: 60000 });
}

/** Opens a workflow and waits until its canvas shows every named node (sticky notes are not canvas nodes). */
export async function openWorkflow(eb: EditorBrowser, id: string, nodeNames: string[]): Promise<void> {
	const { page } = eb;
	await page.goto(`${eb.base}/workflow/${id}`, { waitUntil: 'networkidle2' });
	await page.waitForFunction(
		(names: string[]) => {
			const shown = new Set([...document.querySelectorAll('[data-test-id="canvas-node"]')].map((e) => e.getAttribute('data-node-name')));
			return names.every((n) => shown.has(n));
		},
		{ timeout: 60000 },
		nodeNames,
	);
}

/** The names of a workflow's nodes that the canvas draws as nodes (all but sticky notes). */
export function canvasNodeNames(wf: { nodes: Array<{ name: string; type: string }> }): string[] {
	return wf.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').map((n) => n.name);
}

/** Visible texts of elements matching a selector. */
export function visibleTexts(page: Page, selector: string): Promise<string[]> {
	return page.$$eval(selector, (els) =>
		els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => ((e as HTMLElement).innerText ?? '').trim()),
	);
}

/** Opens the NDV of a canvas node by double-click; resolves once the parameter panel is there. */
export async function openNode(eb: EditorBrowser, name: string): Promise<void> {
	const { page } = eb;
	const node = (await page.waitForSelector(nodeSel(name))) as ElementHandle<Element>;
	await node.click({ count: 2 });
	await page.waitForSelector(`${sel('ndv')} ${sel('node-parameters')}`, { visible: true });
}

export async function closeNode(eb: EditorBrowser): Promise<void> {
	const { page } = eb;
	await page.click(sel('ndv-close-button'));
	await page.waitForSelector(sel('ndv'), { hidden: true });
}

/**
 * Opens an options parameter's dropdown and returns its visible option names (the first line of
 * each option: the name, without the description under it); closes it again.
 */
export async function optionNames(eb: EditorBrowser, parameter: string): Promise<string[]> {
	const { page } = eb;
	await page.click(`${sel('ndv')} ${sel(`parameter-input-${parameter}`)}`);
	await page.waitForFunction(
		() => [...document.querySelectorAll('.el-select-dropdown__item')].some((e) => (e as HTMLElement).offsetParent !== null),
	);
	const names = await page.$$eval('.el-select-dropdown__item', (els) =>
		els
			.filter((e) => (e as HTMLElement).offsetParent !== null)
			.map((e) => {
				const first = e.querySelector('span, div');
				const text = ((first as HTMLElement | null)?.innerText ?? (e as HTMLElement).innerText ?? '').trim();
				return text.split('\n')[0].trim();
			}),
	);
	await page.keyboard.press('Escape');
	await page.waitForFunction(
		() => ![...document.querySelectorAll('.el-select-dropdown__item')].some((e) => (e as HTMLElement).offsetParent !== null),
	);
	return names;
}

/** Clicks the innermost visible element under `root` whose text is exactly `text`; false when none. */
export async function clickText(page: Page, root: string, text: string): Promise<boolean> {
	return page.$$eval(
		`${root} *`,
		(els, want) => {
			const hit = els
				.filter((e) => (e as HTMLElement).offsetParent !== null && ((e as HTMLElement).innerText ?? '').trim() === want)
				.pop() as HTMLElement | undefined;
			hit?.click();
			return hit !== undefined;
		},
		text,
	);
}

/** Waits until `fn` (run in the page) returns a truthy value; returns it. */
export async function pageUntil<T>(page: Page, fn: () => T, timeoutMs = 30000): Promise<T> {
	const handle = await page.waitForFunction(fn, { timeout: timeoutMs, polling: 250 });
	return (await handle.jsonValue()) as T;
}

export const sleep = lib.sleep;
