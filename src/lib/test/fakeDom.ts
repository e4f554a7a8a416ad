/**
 * The little of the DOM that the early paint and the card snapshot use, for unit tests in Node: elements with
 * attributes and children, cloning, removal, serialising, and selectors of the forms `tag`, `[name]`,
 * `[name="value"]` and `[name*="value"]` (after a tag name or not), listed with commas.
 */
export class FakeElement {
	readonly tagName: string;
	readonly attributes = new Map<string, string>();
	children: FakeElement[] = [];
	parent: FakeElement | undefined;
	text = '';
	readonly dataset: Record<string, string> = {};
	readonly style = {
		cssText: '',
		properties: new Map<string, string>(),
		setProperty(name: string, value: string) {
			this.properties.set(name, value);
		}
	};

	constructor(tagName: string, attributes: Record<string, string> = {}, children: (FakeElement | string)[] = []) {
		this.tagName = tagName.toUpperCase();
		for (const [name, value] of Object.entries(attributes)) this.attributes.set(name, value);
		for (const child of children) this.append(typeof child === 'string' ? textNode(child) : child);
	}

	get id(): string {
		return this.attributes.get('id') ?? '';
	}

	set id(value: string) {
		this.attributes.set('id', value);
	}

	set textContent(value: string) {
		this.children = [];
		this.text = value;
	}

	get firstElementChild(): FakeElement | null {
		return this.children.find((child) => child.tagName !== '#TEXT') ?? null;
	}

	getAttribute(name: string): string | null {
		return this.attributes.get(name) ?? null;
	}

	setAttribute(name: string, value: string): void {
		this.attributes.set(name, value);
	}

	removeAttribute(name: string): void {
		this.attributes.delete(name);
	}

	append(...children: FakeElement[]): void {
		for (const child of children) {
			child.remove();
			child.parent = this;
			this.children.push(child);
		}
	}

	remove(): void {
		if (!this.parent) return;
		this.parent.children = this.parent.children.filter((child) => child !== this);
		this.parent = undefined;
	}

	/** Markup is kept as one text child, serialised as it came. */
	insertAdjacentHTML(_position: 'beforeend', html: string): void {
		this.append(textNode(html));
	}

	cloneNode(): FakeElement {
		const copy = new FakeElement(this.tagName, Object.fromEntries(this.attributes));
		copy.text = this.text;
		for (const child of this.children) copy.append(child.cloneNode());
		return copy;
	}

	querySelectorAll(selectors: string): FakeElement[] {
		const tests = selectors.split(',').map((selector) => matcher(selector.trim()));
		const found: FakeElement[] = [];
		const visit = (element: FakeElement) => {
			for (const child of element.children) {
				if (tests.some((test) => test(child))) found.push(child);
				visit(child);
			}
		};
		visit(this);
		return found;
	}

	get innerHTML(): string {
		return this.children.map((child) => child.outerHTML).join('');
	}

	get outerHTML(): string {
		if (this.tagName === '#TEXT') return this.text;
		const tag = this.tagName.toLowerCase();
		const attributes = [...this.attributes].map(([name, value]) => ` ${name}="${value}"`).join('');
		return `<${tag}${attributes}>${this.text}${this.innerHTML}</${tag}>`;
	}
}

function textNode(text: string): FakeElement {
	const node = new FakeElement('#text');
	node.text = text;
	return node;
}

function matcher(selector: string): (element: FakeElement) => boolean {
	const parts = /^([\w-]*)(?:\[([\w-]+)(?:(\*?=)"([^"]*)")?\])?$/.exec(selector);
	if (!parts) throw new Error(`The fake DOM does not know the selector ${selector}`);
	const [, tag = '', name, operator, value = ''] = parts;
	return (element) => {
		if (tag && element.tagName !== tag.toUpperCase()) return false;
		if (name === undefined) return true;
		const actual = element.attributes.get(name);
		if (actual === undefined) return false;
		if (operator === '=') return actual === value;
		if (operator === '*=') return actual.includes(value);
		return true;
	};
}

/** A document of `body` (and `head`), with style sheets given as lists of rule texts. */
export function fakeDocument(
	body: FakeElement,
	{ head = new FakeElement('head'), sheets = [] as { disabled?: boolean; rules: string[] | 'forbidden' }[] } = {}
) {
	const documentElement = new FakeElement('html', {}, [head, body]);
	return {
		documentElement,
		head,
		body,
		styleSheets: sheets.map(({ disabled = false, rules }) => ({
			disabled,
			get cssRules() {
				if (rules === 'forbidden') throw new DOMException('cross-origin', 'SecurityError');
				return rules.map((cssText) => ({ cssText }));
			}
		})),
		createElement: (tagName: string) => new FakeElement(tagName),
		querySelectorAll: (selectors: string) => documentElement.querySelectorAll(selectors),
		getElementById: (id: string) => documentElement.querySelectorAll(`[id="${id}"]`)[0] ?? null
	};
}

/** The fake document as the DOM's own type, for code that takes a `Document`. */
export const asDocument = (fake: ReturnType<typeof fakeDocument>) => fake as unknown as Document;
