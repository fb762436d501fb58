// Test-only, served first in each page's <head> to browsers that send the recording cookie (tests/browser/
// conftest.py): what a console would show as an error, kept in window.obcErrors for the cross-browser tests, whose
// drivers cannot read the console. Uncaught errors, rejections no one handled, console.error (the page's own
// "could not start" messages), refused resources (CSP) and files that failed to load.
(() => {
  const errors = [];
  window.obcErrors = errors;
  const note = (text) => errors.push(String(text));
  const consoleError = console.error.bind(console);
  console.error = (...args) => {
    note(args.map((arg) => (arg instanceof Error ? `${arg.name}: ${arg.message}` : String(arg))).join(" "));
    consoleError(...args);
  };
  window.addEventListener("error", (event) => {
    const $el = event.target;
    note(event.message || `could not load ${($el && ($el.src || $el.href)) || "a resource"}`);
  }, true);
  window.addEventListener("unhandledrejection", (event) => note(`unhandled rejection: ${event.reason}`));
  document.addEventListener("securitypolicyviolation", (event) => note(`refused (${event.violatedDirective}): ${event.blockedURI}`));
  if (PerformanceObserver.supportedEntryTypes.includes("resource")) {
    new PerformanceObserver((list) => {
      // Firefox may list its own request for the server's /favicon.ico (none of the page's) among the page's.
      const own = (entry) => new URL(entry.name).pathname !== "/favicon.ico";
      for (const entry of list.getEntries()) if (entry.responseStatus >= 400 && own(entry)) note(`${entry.responseStatus}: ${entry.name}`);
    }).observe({ type: "resource", buffered: true });
  }
})();
