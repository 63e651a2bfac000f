"""Debian's headless Chromium driven over the DevTools protocol (``websocket-client``), with
the network cut off: shared by the browser tests and ``bench/map_gallery.py``.

Chromium runs with every background service off, all traffic sent to a dead proxy, and the
page emulated offline; every request the page makes is recorded.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any


class BrowserMissing(RuntimeError):
    """Chromium is not installed or did not start."""


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
VIEW_W, VIEW_H = 1000, 700


class Chromium:
    """One headless Chromium and one page, spoken to over the DevTools protocol."""

    def __init__(self, width: int = VIEW_W, height: int = VIEW_H) -> None:
        import websocket

        if not Path(CHROMIUM).exists():
            raise BrowserMissing("Debian's chromium is not installed (apt-get install chromium); the map tests need it")
        self.profile = tempfile.mkdtemp(prefix="shiproute-chromium-")
        self.process = subprocess.Popen(
            [
                CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
                # Lets the iframe test read the embedded page (file: URLs are otherwise opaque origins).
                "--allow-file-access-from-files",
                # Any request that escapes the offline emulation goes to a closed local port.
                "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                f"--user-data-dir={self.profile}", "--remote-debugging-port=0", "--remote-allow-origins=*",
                f"--window-size={width},{height}", "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port = self._port()
        deadline = time.monotonic() + 30
        while True:
            targets = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10).read())
            pages = [t for t in targets if t.get("type") == "page"]
            if pages or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        self.socket = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []
        self.width, self.height = width, height
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")
        self.call("Network.emulateNetworkConditions", offline=True, latency=0, downloadThroughput=-1,
                  uploadThroughput=-1)
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)

    def _port(self) -> int:
        marker = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if marker.exists():
                text = marker.read_text().split("\n")
                if text and text[0].strip().isdigit():
                    return int(text[0])
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        self.close()
        raise BrowserMissing("headless chromium did not start (no DevToolsActivePort)")

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        wanted = self.next_id
        self.socket.send(json.dumps({"id": wanted, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self._event(message)

    def _event(self, message: dict[str, Any]) -> None:
        if "method" not in message:
            return
        self.events.append(message)
        if message["method"] == "Page.javascriptDialogOpening":  # an alert() ran: record, dismiss
            self.socket.send(json.dumps({"id": 10**9 + len(self.events), "method": "Page.handleJavaScriptDialog",
                                         "params": {"accept": True}}))

    def open(self, path: Path) -> None:
        self.events.clear()
        self.call("Page.navigate", url=path.resolve().as_uri())
        deadline = time.monotonic() + 30
        while not any(e["method"] == "Page.loadEventFired" for e in self.events):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{path} did not finish loading")
            self.socket.settimeout(max(0.1, deadline - time.monotonic()))
            self._event(json.loads(self.socket.recv()))
        self.socket.settimeout(60)
        # Leaflet draws synchronously on load; one more frame for layout and the scale bar.
        self.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))", await_promise=True)

    def evaluate(self, expression: str, *, await_promise: bool = False) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=await_promise)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression!r} threw: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self) -> bytes:
        return base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])

    def errors(self) -> list[str]:
        found = []
        for event in self.events:
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(json.dumps(params["exceptionDetails"])[:500])
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(json.dumps(params.get("args"))[:500])
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                found.append(f"{params['entry'].get('text')} {params['entry'].get('url', '')}")
        return found

    def requested_urls(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e["method"] == "Network.requestWillBeSent"]

    def dialogs(self) -> list[str]:
        return [e["params"].get("message", "") for e in self.events if e["method"] == "Page.javascriptDialogOpening"]

    def close(self) -> None:
        try:
            if getattr(self, "socket", None) is not None:
                self.socket.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
            shutil.rmtree(self.profile, ignore_errors=True)


#: What a graphics desk checks on a map page, read from the DOM: where each place marker and
#: each line's two ends are on screen, and the box round all of a line's points; the longest
#: jump in longitude inside a line piece, the boxes of the permanent labels that are shown,
#: the headline, verdict and source line, and the longitudes the view shows against those the
#: offline land covers.
MAP_FACTS_JS = r"""JSON.stringify((function () {
  var map = null;
  Object.keys(window).forEach(function (k) {
    if (/^map_\d+$/.test(k) && window[k] instanceof L.Map) { map = window[k]; }
  });
  var box = map.getContainer().getBoundingClientRect();
  function onScreen(latlng) { var p = map.latLngToContainerPoint(latlng); return [p.x + box.left, p.y + box.top]; }
  function covered(p) {
    var element = document.elementFromPoint(p[0], p[1]);
    return !!(element && element.closest && element.closest(".leaflet-control, .shiproute-panel"));
  }
  function rect(selector) {
    // The first one shown: a phone shows the verdicts as chips, the sentences folded away.
    var element = Array.prototype.find.call(document.querySelectorAll(selector), function (e) {
      var r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0;
    }) || document.querySelector(selector);
    if (!element) { return null; }
    var r = element.getBoundingClientRect();
    return { box: [r.left, r.top, r.right, r.bottom], text: element.textContent };
  }
  var markers = (map._shiprouteMarkers || []).map(function (m) {
    var p = onScreen(m.getLatLng());
    return { at: p, covered: covered(p), name: m.getElement() ? m.getElement().getAttribute("aria-label") : null };
  });
  var lines = (map._shiprouteLines || []).map(function (l) {
    var pieces = l.path.getLatLngs();
    if (pieces.length && !Array.isArray(pieces[0])) { pieces = [pieces]; }
    var step = 0, xs = [], ys = [];
    pieces.forEach(function (piece) {
      for (var i = 1; i < piece.length; i++) { step = Math.max(step, Math.abs(piece[i].lng - piece[i - 1].lng)); }
      piece.forEach(function (latlng) { var p = onScreen(latlng); xs.push(p[0]); ys.push(p[1]); });
    });
    var last = pieces[pieces.length - 1];
    var start = onScreen(pieces[0][0]), end = onScreen(last[last.length - 1]);
    return { kind: l.kind, pieces: pieces.length, maxStep: step, start: start, end: end,
             box: [Math.min.apply(null, xs), Math.min.apply(null, ys),
                   Math.max.apply(null, xs), Math.max.apply(null, ys)],
             startCovered: covered(start), endCovered: covered(end) };
  });
  var labels = Array.prototype.map.call(
    document.querySelectorAll(".leaflet-tooltip.shiproute-label:not(.shiproute-hidden)"), function (t) {
      var r = t.getBoundingClientRect();
      return { text: t.textContent, box: [r.left, r.top, r.right, r.bottom] };
    });
  var view = map.getBounds();
  var land = map._shiprouteLand ? map._shiprouteLand.getBounds() : null;
  return {
    viewport: [window.innerWidth, window.innerHeight],
    map: [box.left, box.top, box.right, box.bottom],
    markers: markers, lines: lines, labels: labels,
    title: rect(".shiproute-title"), status: rect(".shiproute-status"), source: rect(".shiproute-source"),
    view: [view.getWest(), view.getEast()], land: land ? [land.getWest(), land.getEast()] : null,
    lang: document.documentElement.lang,
    viewportMeta: document.querySelector('meta[name="viewport"]').getAttribute("content")
  };
})())"""


def tab_through(browser: Chromium, presses: int) -> list[str]:
    """Press Tab ``presses`` times from the top of the page; the accessible name of each
    element that took the focus."""
    browser.evaluate("document.activeElement && document.activeElement.blur && document.activeElement.blur()")
    names = []
    for _ in range(presses):
        for kind in ("rawKeyDown", "keyUp"):
            browser.call("Input.dispatchKeyEvent", type=kind, key="Tab", code="Tab", windowsVirtualKeyCode=9,
                         nativeVirtualKeyCode=9)
        names.append(browser.evaluate(
            "(document.activeElement && (document.activeElement.getAttribute('aria-label') || "
            "document.activeElement.textContent || '').slice(0, 200)) || ''"))
    return names


def set_size(browser: Chromium, width: int, height: int) -> None:
    browser.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)
    browser.width, browser.height = width, height
