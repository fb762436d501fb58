// A small DOM for the modules' unit tests: elements, text, <template>, attributes, classes, events and the
// selectors the modules use (tag, #id, .class, [attr], [attr="value"], :checked, descendants, lists).
// Installed on globalThis (document, Node) by installDom(); a test builds its page from html-like trees.

export class FakeNode {
  constructor() {
    this.parentNode = null;
    this.childNodes = [];
  }
  get parentElement() { return this.parentNode instanceof FakeElement ? this.parentNode : null; }
  get nextElementSibling() {
    const list = this.parentNode ? this.parentNode.childNodes : [];
    return list.slice(list.indexOf(this) + 1).find((n) => n instanceof FakeElement) || null;
  }
  get textContent() { return this.childNodes.map((n) => n.textContent).join(""); }
  set textContent(value) { this.replaceChildren(String(value)); }
  _adopt(child) {
    const node = child instanceof FakeNode ? child : new FakeText(String(child));
    if (node instanceof FakeFragment) return node.childNodes.splice(0).map((n) => this._adopt(n)).flat();
    if (node.parentNode) node.remove();
    node.parentNode = this;
    return [node];
  }
  append(...children) { for (const c of children) this.childNodes.push(...this._adopt(c)); }
  prepend(...children) { this.childNodes.unshift(...children.flatMap((c) => this._adopt(c))); }
  replaceChildren(...children) {
    for (const n of this.childNodes) n.parentNode = null;
    this.childNodes = [];
    this.append(...children);
  }
  remove() {
    if (!this.parentNode) return;
    const list = this.parentNode.childNodes;
    list.splice(list.indexOf(this), 1);
    this.parentNode = null;
  }
  _insert(offset, nodes) {
    const list = this.parentNode.childNodes;
    const adopted = nodes.flatMap((n) => this.parentNode._adopt(n));
    list.splice(list.indexOf(this) + offset, 0, ...adopted);
  }
  before(...nodes) { this._insert(0, nodes); }
  after(...nodes) { this._insert(1, nodes); }
}

export class FakeText extends FakeNode {
  constructor(text) { super(); this.text = text; }
  get textContent() { return this.text; }
  set textContent(value) { this.text = String(value); }
  cloneNode() { return new FakeText(this.text); }
}

export class FakeFragment extends FakeNode {
  get firstElementChild() { return this.childNodes.find((n) => n instanceof FakeElement) || null; }
  cloneNode() { const f = new FakeFragment(); f.append(...this.childNodes.map((n) => n.cloneNode(true))); return f; }
}

function compound(text) {
  const part = { tag: null, id: null, classes: [], attrs: [], checked: false };
  for (const [token] of text.matchAll(/[a-z0-9-]+|#[\w:-]+|\.[\w-]+|\[[^\]]+\]|:checked/gi)) {
    if (token === ":checked") part.checked = true;
    else if (token.startsWith("#")) part.id = token.slice(1);
    else if (token.startsWith(".")) part.classes.push(token.slice(1));
    else if (token.startsWith("[")) {
      const [, name, value] = /^\[([\w-]+)(?:="([^"]*)")?\]$/.exec(token);
      part.attrs.push([name, value]);
    } else part.tag = token.toLowerCase();
  }
  return part;
}

function matchesOne($el, part) {
  return (!part.tag || $el.tagName.toLowerCase() === part.tag) && (!part.id || $el.id === part.id)
    && part.classes.every((c) => $el.classList.contains(c)) && (!part.checked || $el.checked)
    && part.attrs.every(([name, value]) => $el.hasAttribute(name) && (value === undefined || $el.getAttribute(name) === value));
}

function matchesSelector($el, selector) {
  return selector.split(",").some((one) => {
    const parts = one.trim().split(/\s+/).map(compound);
    if (!matchesOne($el, parts.at(-1))) return false;
    let $at = $el.parentElement;
    for (let i = parts.length - 2; i >= 0; i -= 1) {
      while ($at && !matchesOne($at, parts[i])) $at = $at.parentElement;
      if (!$at) return false;
      $at = $at.parentElement;
    }
    return true;
  });
}

export class FakeElement extends FakeNode {
  constructor(tag) {
    super();
    this.tagName = tag.toUpperCase();
    this.attributes = new Map();
    this.listeners = {};
    this.checked = false;
    this.focused = false;
    if (this.tagName === "TEMPLATE") this.content = new FakeFragment();
    const $el = this;
    this.classList = {
      contains: (c) => $el.className.split(/\s+/).includes(c),
      add: (c) => { if (!this.classList.contains(c)) $el.className = `${$el.className} ${c}`.trim(); },
      remove: (c) => { $el.className = $el.className.split(/\s+/).filter((x) => x && x !== c).join(" "); },
      toggle: (c, on) => (on ? this.classList.add(c) : this.classList.remove(c)),
    };
    this.dataset = new Proxy({}, {
      get: (_, key) => $el.getAttribute(`data-${String(key).replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}`) ?? undefined,
      set: (_, key, value) => { $el.setAttribute(`data-${String(key).replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}`, value); return true; },
    });
  }
  get id() { return this.getAttribute("id") || ""; }
  get className() { return this.getAttribute("class") || ""; }
  set className(value) { this.setAttribute("class", value); }
  get hidden() { return this.hasAttribute("hidden"); }
  set hidden(value) { if (value) this.setAttribute("hidden", ""); else this.removeAttribute("hidden"); }
  get children() { return this.childNodes.filter((n) => n instanceof FakeElement); }
  get firstElementChild() { return this.children[0] || null; }
  setAttribute(name, value) { this.attributes.set(name, String(value)); }
  getAttribute(name) { return this.attributes.has(name) ? this.attributes.get(name) : null; }
  hasAttribute(name) { return this.attributes.has(name); }
  removeAttribute(name) { this.attributes.delete(name); }
  matches(selector) { return matchesSelector(this, selector); }
  closest(selector) {
    for (let $at = this; $at; $at = $at.parentElement) if ($at.matches(selector)) return $at;
    return null;
  }
  _all() { return this.children.flatMap(($c) => [$c, ...$c._all()]); }
  querySelectorAll(selector) { return this._all().filter(($el) => $el.matches(selector)); }
  querySelector(selector) { return this.querySelectorAll(selector)[0] || null; }
  contains(node) { for (let $at = node; $at; $at = $at.parentNode) if ($at === this) return true; return false; }
  addEventListener(type, fn) { (this.listeners[type] ||= []).push(fn); }
  removeEventListener(type, fn) { this.listeners[type] = (this.listeners[type] || []).filter((f) => f !== fn); }
  dispatchEvent(event) {
    for (let $at = this; $at; $at = event.bubbles ? $at.parentElement : null) {
      for (const fn of $at.listeners[event.type] || []) fn(event);
    }
    return true;
  }
  click() { this.dispatchEvent({ type: "click", target: this, bubbles: true }); }
  focus() { globalThis.document.activeElement = this; }
  cloneNode(deep = false) {
    const $copy = new FakeElement(this.tagName);
    for (const [name, value] of this.attributes) $copy.setAttribute(name, value);
    if (deep) $copy.append(...this.childNodes.map((n) => n.cloneNode(true)));
    if (this.content) $copy.content = this.content.cloneNode(true);
    return $copy;
  }
}

/** An element from a tree: el("div", {"data-x": ""}, "text", el(...)). A template's children are its content. */
export function el(tag, attrs = {}, ...children) {
  const $el = new FakeElement(tag);
  for (const [name, value] of Object.entries(attrs)) $el.setAttribute(name, value);
  (tag === "template" ? $el.content : $el).append(...children);
  return $el;
}

/** Put a fake document on globalThis (as the modules expect a page), with body holding `children`. */
export function installDom(...children) {
  const body = el("body", {}, ...children);
  const document = {
    body,
    activeElement: null,
    createElement: (tag) => new FakeElement(tag),
    createElementNS: (_, tag) => new FakeElement(tag),
    createTextNode: (text) => new FakeText(text),
    createDocumentFragment: () => new FakeFragment(),
    getElementById: (id) => body.querySelector(`[id="${id}"]`),
    querySelector: (s) => body.querySelector(s),
    querySelectorAll: (s) => body.querySelectorAll(s),
  };
  globalThis.document = document;
  globalThis.Node = FakeNode;
  globalThis.CustomEvent = class { constructor(type, init = {}) { Object.assign(this, { type, ...init }); } };
  return document;
}

/** What a reader sees of a node: its text, spaces run together. */
export function text(node) {
  return node.textContent.replace(/\s+/g, " ").trim();
}
