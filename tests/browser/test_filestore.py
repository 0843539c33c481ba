"""The shared file store (site/assets/filestore.html) answers only its own parent page, from
the course's own origin, in the store's message shape: a page of another site that frames it
learns nothing and changes nothing, and neither does another frame of the course's page."""
from __future__ import annotations

import json

import pytest

from sitebuild.paths import DIST
from sitebuild.server import SiteServer

# In the page: frame the store at `url`, send it `message` from `sender` ("page" or "sibling":
# another frame of the same page), and collect what comes back within `wait` ms.
ASK_THE_STORE = """async ({url, message, sender, wait}) => {
  const frame = document.createElement('iframe');
  frame.src = url;
  const heard = [];
  window.addEventListener('message', (event) => {     // before the frame loads: it says "ready" at once
    if (event.source === frame.contentWindow) heard.push(event.data);
  });
  document.body.appendChild(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, {once: true}));
  if (sender === 'sibling') {
    const sibling = document.createElement('iframe');
    document.body.appendChild(sibling);
    sibling.contentWindow.Function('store', 'message', "store.postMessage(message, '*')")(frame.contentWindow, message);
  } else {
    frame.contentWindow.postMessage(message, '*');
  }
  await new Promise((resolve) => setTimeout(resolve, wait));
  return heard;
}"""

GET = {"app": "mvcalc", "type": "mvcalc-store", "op": "get", "id": 7}
SET = {"app": "mvcalc", "type": "mvcalc-store", "op": "set", "id": 8, "key": "mvcalc.intruder", "value": "x"}


@pytest.fixture
def plain_context(browser):
    context = browser.new_context()
    errors = []
    context.on("console", lambda message: message.type == "error" and errors.append(message.text))
    yield context
    context.close()
    assert not errors, errors


def replies(heard: list, id_: int) -> list:
    return [m for m in heard if isinstance(m, dict) and m.get("type") == "mvcalc-store-reply" and m.get("id") == id_]


def test_served_the_store_answers_its_own_origin_only(plain_context, server, site):
    store = f"{server.url}site/assets/filestore.html"
    page = plain_context.new_page()
    page.goto(server.url)
    page.evaluate("localStorage.setItem('mvcalc.progress', JSON.stringify({app: 'mvcalc', schema: 1, name: 'Ada', sets: {}}))")
    own = page.evaluate(ASK_THE_STORE, {"url": store, "message": GET, "sender": "page", "wait": 800})
    assert any(m.get("type") == "mvcalc-store-ready" for m in own)
    answer = replies(own, 7)
    assert answer and "Ada" in answer[0]["items"]["mvcalc.progress"], "the test can tell an answer from silence"

    with SiteServer(site) as other:                # another origin: the same files on another port
        assert other.url.split("/")[2] != server.url.split("/")[2]
        stranger = plain_context.new_page()
        stranger.goto(other.url)
        for message in (GET, SET):
            heard = stranger.evaluate(ASK_THE_STORE, {"url": store, "message": message, "sender": "page", "wait": 800})
            assert heard == [], f"a page of another origin heard {heard}"
    assert page.evaluate("localStorage.getItem('mvcalc.intruder')") is None


def test_by_double_click_the_store_answers_its_parent_only_and_only_its_shape(plain_context, site):
    page = plain_context.new_page()
    page.goto((DIST / "index.html").resolve().as_uri())
    store = (DIST / "site/assets/filestore.html").resolve().as_uri()
    asked = page.evaluate(ASK_THE_STORE, {"url": store, "message": GET, "sender": "page", "wait": 800})
    assert replies(asked, 7), "its parent is answered"
    for sender, message in (("sibling", GET), ("sibling", SET), ("page", {**GET, "app": "other"}),
                            ("page", {k: v for k, v in GET.items() if k != "app"}), ("page", {**SET, "key": "other.key"}),
                            ("page", {**GET, "op": "clear"}), ("page", json.dumps(GET))):
        heard = page.evaluate(ASK_THE_STORE, {"url": store, "message": message, "sender": sender, "wait": 500})
        assert not [m for m in heard if m.get("type") == "mvcalc-store-reply"], (sender, message, heard)
    after = page.evaluate(ASK_THE_STORE, {"url": store, "message": GET, "sender": "page", "wait": 800})
    items = replies(after, 7)[0]["items"]
    assert "mvcalc.intruder" not in items and "other.key" not in items
