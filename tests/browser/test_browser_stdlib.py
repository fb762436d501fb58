"""The site's own standard library in Chromium: enough for every page, and a left-out module still imports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_helpers import answer_first_principle, open_assessment
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

# A module worker like the site's: Pyodide from the runtime folder with the site's stdlib zip, the fallback
# installed with a synchronous fetch of the full zip, then imports of modules the trimmed zip left out.
WORKER = """
self.onmessage = async ({data: {runtime, stdlib}}) => {
  try {
    const { loadPyodide } = await import(runtime + "pyodide.mjs");
    const py = await loadPyodide({ indexURL: runtime, stdLibURL: stdlib });
    py.pyimport("obc_stdlib_fallback").install(() => {
      const request = new XMLHttpRequest();
      request.open("GET", runtime + "python_stdlib.zip", false);
      request.responseType = "arraybuffer";
      request.send();
      return new Uint8Array(request.response);
    });
    self.postMessage(String(py.runPython(
      "import tomllib, email.mime.text\\n" +
      "f\\"{tomllib.loads('a = 1')['a']}|{email.mime.text.MIMEText('x').get_content_type()}\\"")));
  } catch (error) { self.postMessage("failed: " + error); }
};
"""


def test_an_assessment_never_fetches_the_full_stdlib(page: Page, site_url: str) -> None:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    open_assessment(page, site_url, "commissioning-principles")
    answer_first_principle(page)
    page.get_by_role("region", name="Your results").wait_for()
    assert any(re.search(r"/assets/obc/python_stdlib-[0-9a-f]+\.zip$", u) for u in urls)
    assert not any(u.endswith("/python_stdlib.zip") for u in urls)


def test_a_left_out_module_loads_the_full_stdlib_in_the_browser(browser: Browser, site_url: str,
                                                                built_site: Path) -> None:
    stdlib = next((built_site / "assets" / "obc").glob("python_stdlib-*.zip")).name
    runtime = next((built_site / "assets" / "pyodide").iterdir()).name
    context = browser.new_context(bypass_csp=True)  # the test's own worker comes from a blob: URL
    try:
        page = context.new_page()
        page.goto(site_url)
        result = page.evaluate("""async ([code, runtime, stdlib]) => {
          const url = URL.createObjectURL(new Blob([code], {type: "text/javascript"}));
          const worker = new Worker(url, {type: "module"});
          const answer = new Promise((resolve) => { worker.onmessage = (e) => resolve(e.data); });
          worker.postMessage({runtime: new URL(runtime, location.href).href,
                              stdlib: new URL(stdlib, location.href).href});
          return answer;
        }""", [WORKER, f"assets/pyodide/{runtime}/", f"assets/obc/{stdlib}"])
    finally:
        context.close()
    assert result == "1|text/plain"
