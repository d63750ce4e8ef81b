// The demo page's script: plain JavaScript and fetch against the HTTP example's endpoints.
//   GET /health                             the rating scale (the buttons) and the model
//   GET /onboarding?visitor=..&k=..         films to rate (the library's onboarding suggestions), none rated yet
//   POST /rate                              a rating; then both lists are fetched again
//   GET /recommend?visitor=..&k=10&explain=true
//                                           the top 10, each with "because": ratings and attributes
// URL parameters: visitor=<id> (otherwise a random one per page load); autorate=5,4,5,2,4 makes
// the page rate the first suggested film with each rating in turn, then set
// <body data-state="done">; the top 10 before the first rating is kept in #top's data-first-top.
// The end-to-end test (DemoPageTest) and the screenshot (examples/scripts/demo-screenshot.sh)
// drive the page this way with headless Chromium's --dump-dom and --screenshot.
"use strict";

const SUGGESTED = 5;
const params = new URLSearchParams(location.search);
const visitor = params.get("visitor")
  || "web-" + Array.from(crypto.getRandomValues(new Uint32Array(2)), n => n.toString(36)).join("");
const skipped = new Set();
const rated = [];           // {item, rating}, in the order given
let scale = null;           // {min, max}; null for implicit feedback (one "I like it" button)
let previousTop = [];       // item ids, to mark what moved
let busy = false;

async function api(path, body) {
  const init = body === undefined ? {} : {
    method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)
  };
  const response = await fetch(path, init);
  const json = await response.json();
  if (!response.ok) {
    throw new Error(json.error || response.status + " " + response.statusText);
  }
  return json;
}

function el(tag, attributes, ...children) {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    e.setAttribute(name, value);
  }
  e.append(...children);
  return e;
}

function nameOf(item) {
  return item.title || "item " + item.item;
}

function showError(error) {
  const box = document.getElementById("error");
  box.textContent = "Something went wrong: " + error.message;
  box.hidden = false;
  document.body.dataset.state = "error";
}

async function suggestions() {
  const k = Math.min(100, SUGGESTED + skipped.size);
  const answer = await api(`/onboarding?visitor=${encodeURIComponent(visitor)}&k=${k}`);
  return answer.items.filter(item => !skipped.has(item.item)).slice(0, SUGGESTED);
}

function ratingValues() {
  if (scale === null) {
    return [{value: 1, label: "I like it"}];
  }
  const values = [];
  for (let v = Math.ceil(scale.min); v <= scale.max; v++) {
    values.push({value: v, label: String(v)});
  }
  return values;
}

function renderSuggestions(items) {
  const list = document.getElementById("suggestions");
  list.replaceChildren(...items.map(item => {
    const group = el("div", {role: "group", "aria-label": "Rate " + nameOf(item)});
    for (const {value, label} of ratingValues()) {
      const button = el("button", {type: "button", "data-rating": value,
        "aria-label": scale === null ? "I like " + nameOf(item) : `Rate ${nameOf(item)} ${value} of ${scale.max}`}, label);
      button.addEventListener("click", () => act(() => rate(item, value)));
      group.append(button);
    }
    const skip = el("button", {type: "button", class: "skip", "aria-label": "Skip " + nameOf(item)}, "not seen");
    skip.addEventListener("click", () => act(() => { skipped.add(item.item); return refresh(); }));
    group.append(skip);
    return el("li", {"data-item": item.item}, el("span", {class: "name"}, nameOf(item)), group);
  }));
  if (items.length === 0) {
    list.append(el("li", {}, "Nothing more to suggest."));
  }
}

function because(item) {
  if (!item.because) {
    return "";
  }
  const reasons = item.because.ratings.map(r => {
    const given = rated.find(x => x.item.item === r.item);
    return "you rated " + nameOf(r) + (given && scale !== null ? " " + given.rating : "");
  });
  const fields = new Map();  // "genres=Drama", "genres=War" -> genres: Drama, War
  for (const a of item.because.attributes) {
    const [field, value] = a.attribute.split(/=(.*)/s);
    fields.set(field, [...(fields.get(field) || []), value]);
  }
  reasons.push(...Array.from(fields, ([field, values]) => field + ": " + values.join(", ")));
  return reasons.length === 0 ? "" : "because " + reasons.join("; ");
}

function renderTop(answer) {
  const ids = answer.items.map(item => item.item);
  const list = document.getElementById("top");
  list.replaceChildren(...answer.items.map((item, rank) => {
    const li = el("li", {"data-item": item.item}, el("span", {class: "name"}, nameOf(item)));
    const before = previousTop.indexOf(item.item);
    if (previousTop.length > 0 && before < 0) {
      li.append(el("span", {class: "move new"}, "new"));
    } else if (before > rank) {
      li.append(el("span", {class: "move up", "aria-label": `up ${before - rank}`}, "▲" + (before - rank)));
    } else if (before >= 0 && before < rank) {
      li.append(el("span", {class: "move down", "aria-label": `down ${rank - before}`}, "▼" + (rank - before)));
    }
    const why = because(item);
    if (why) {
      li.append(el("p", {class: "because"}, why));
    }
    return li;
  }));
  const fresh = previousTop.length === 0 ? 0 : ids.filter(id => !previousTop.includes(id)).length;
  document.getElementById("status").textContent = answer.ratings === 0
    ? "No ratings yet: the top 10 for someone the recommender knows nothing about."
    : `After ${answer.ratings} rating${answer.ratings === 1 ? "" : "s"}: ${fresh} new in your top 10.`;
  previousTop = ids;
}

function renderRated() {
  document.getElementById("rated").replaceChildren(...rated.map(x =>
    el("li", {}, nameOf(x.item) + (scale === null ? "" : ": " + x.rating))));
}

async function refresh() {
  const [items, top] = await Promise.all([
    suggestions(),
    api(`/recommend?visitor=${encodeURIComponent(visitor)}&k=10&explain=true`)
  ]);
  renderSuggestions(items);
  renderRated();
  renderTop(top);
  return {items, top};
}

async function rate(item, rating) {
  await api("/rate", {visitor, item: item.item, rating});
  rated.push({item, rating});
  return refresh();
}

// Runs one step at a time, the buttons disabled meanwhile.
async function act(step) {
  if (busy) {
    return;
  }
  busy = true;
  document.querySelectorAll("button").forEach(b => { b.disabled = true; });
  try {
    await step();
  } catch (error) {
    showError(error);
  } finally {
    busy = false;
    document.querySelectorAll("button").forEach(b => { b.disabled = false; });
  }
}

async function autorate(ratings) {
  let state = await refresh();
  document.getElementById("top").dataset.firstTop = state.top.items.map(item => item.item).join(" ");
  for (const rating of ratings) {
    if (state.items.length === 0) {
      break;
    }
    const value = scale === null ? 1 : Math.min(scale.max, Math.max(scale.min, rating));
    state = await rate(state.items[0], value);
  }
}

async function start() {
  const health = await api("/health");
  scale = health.ratingScale || null;
  document.getElementById("model").textContent =
    `${health.items} items; model ${health.model.source}.`;
  const auto = params.get("autorate");
  if (auto) {
    await autorate(auto.split(",").map(Number));
    document.body.dataset.state = "done";
  } else {
    await refresh();
    document.body.dataset.state = "ready";
  }
}

start().catch(showError);
