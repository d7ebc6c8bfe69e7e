// The pipeline board and the applicant list, a little better with JavaScript; both work without it.
//
// Board: every move (the card's Move button, a keyboard shortcut, a drop on a column) posts the card's own form
// with htmx; the server answers with the card as it now is, the columns' counts and a sentence for the live
// region. The card then goes to the column of its stage: a refused move leaves it where it was, with the reason.
// List: "select all on this page" and the number selected.
(() => {
  "use strict";

  const board = document.querySelector("[data-pipeline-board]");
  const status = document.getElementById("pipeline-status");

  // Say what went wrong in the live region (the server's own answers put their sentence there themselves).
  function announce(text) {
    if (!status || !text) return;
    status.textContent = "";
    const line = document.createElement("span");
    line.className = "pipeline-status__refused";
    line.textContent = text;
    status.append(line);
  }

  function cardsOf(list) {
    return list ? Array.from(list.querySelectorAll(":scope > .applicant-card")) : [];
  }

  function listFor(stage) {
    return board.querySelector(`[data-cards="${CSS.escape(stage)}"]`);
  }

  // The card to focus once `card` has left its column: the next one, else the one before.
  function neighbour(card) {
    const cards = cardsOf(card.parentElement);
    const index = cards.indexOf(card);
    return cards[index + 1] || cards[index - 1] || null;
  }

  function focusCard(card) {
    if (!card) return;
    const ended = card.closest("details");
    if (ended) ended.open = true;
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  // Post the card's form with `target` as the stage; `byKeyboard` keeps the focus working down the column.
  function move(card, target, byKeyboard) {
    if (!card || !target || card.dataset.stage === target || card.classList.contains("is-moving")) return;
    const form = card.querySelector("form.applicant-card__move");
    if (!form) {
      announce(card.dataset.ended || board.dataset.messageFailed);
      return;
    }
    const id = card.id;
    const next = byKeyboard ? neighbour(card) : null;
    card.classList.add("is-moving");
    htmx
      .ajax("POST", form.action, { source: form, values: { target }, target: card, swap: "outerHTML" })
      .then(() => {
        const answer = document.getElementById(id);
        if (!answer) return;
        answer.classList.remove("is-moving");
        const list = listFor(answer.dataset.stage);
        const stayed = answer.dataset.stage === card.dataset.stage;
        if (!list) {
          // It ended meanwhile (someone else's move): the board shows the ended stages' counts, not their cards.
          answer.remove();
        } else if (answer.parentElement !== list) {
          list.append(answer);
        }
        const refused = answer.classList.contains("applicant-card--refused");
        if (byKeyboard) focusCard(list && (refused || stayed) ? answer : next || (list ? answer : null));
      });
  }

  function stages() {
    return board.dataset.stages.trim().split(/\s+/);
  }

  function columnCards(stage) {
    return cardsOf(listFor(stage));
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const card = event.target.closest(".applicant-card");
    // Keys act on the card and its link and button; in the stage list they keep choosing a stage.
    if (!card || event.target.closest("select, input, textarea")) return;
    const order = stages();
    const stage = card.dataset.stage;
    const siblings = cardsOf(card.parentElement);
    const index = siblings.indexOf(card);
    const column = order.indexOf(stage);
    const otherColumn = (step) => {
      for (let i = column + step; i >= 0 && i < order.length; i += step) {
        const cards = columnCards(order[i]);
        if (cards.length) return cards[0];
      }
      return null;
    };
    let handled = true;
    switch (event.key) {
      case "j":
      case "ArrowDown":
        focusCard(siblings[index + 1]);
        break;
      case "k":
      case "ArrowUp":
        focusCard(siblings[index - 1]);
        break;
      case "h":
      case "ArrowLeft":
        if (column >= 0) focusCard(otherColumn(-1));
        break;
      case "l":
      case "ArrowRight":
        if (column >= 0) focusCard(otherColumn(1));
        break;
      case "]":
      case "[": {
        const goal = order[column + (event.key === "]" ? 1 : -1)];
        if (column < 0 || !goal) announce(card.dataset.ended || board.dataset.messageLast);
        else move(card, goal, true);
        break;
      }
      case "x":
        move(card, "rejected", true);
        break;
      case "m": {
        // The focus goes to the card's list of stages: arrow keys choose, Tab then Enter moves.
        const select = card.querySelector("select");
        if (select) select.focus();
        else announce(card.dataset.ended);
        break;
      }
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  }

  function setUpBoard() {
    board.addEventListener("submit", (event) => {
      const form = event.target.closest("form.applicant-card__move");
      if (!form) return;
      event.preventDefault();
      const card = form.closest(".applicant-card");
      move(card, form.elements.target.value, true);
    });
    board.addEventListener("keydown", onKey);

    let dragged = null;
    board.addEventListener("dragstart", (event) => {
      const card = event.target.closest && event.target.closest(".applicant-card[draggable='true']");
      if (!card) return;
      dragged = card;
      card.classList.add("is-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", card.id);
    });
    board.addEventListener("dragend", () => {
      if (dragged) dragged.classList.remove("is-dragging");
      dragged = null;
      board.querySelectorAll(".is-drop-target").forEach((zone) => zone.classList.remove("is-drop-target"));
    });
    board.addEventListener("dragover", (event) => {
      if (!dragged) return;
      // Near an edge of a board wider than the window, it scrolls, so every column can take the card.
      const edge = board.getBoundingClientRect();
      if (event.clientX < edge.left + 48) board.scrollLeft -= 24;
      else if (event.clientX > edge.right - 48) board.scrollLeft += 24;
      const zone = event.target.closest("[data-drop-stage]");
      if (!zone) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      board.querySelectorAll(".is-drop-target").forEach((other) => other !== zone && other.classList.remove("is-drop-target"));
      zone.classList.add("is-drop-target");
    });
    board.addEventListener("drop", (event) => {
      const zone = dragged && event.target.closest("[data-drop-stage]");
      if (!zone) return;
      event.preventDefault();
      zone.classList.remove("is-drop-target");
      move(dragged, zone.dataset.dropStage, false);
    });

    // A failed request (the network, the server) swaps nothing: say so, and let the card be moved again.
    document.body.addEventListener("htmx:responseError", () => announce(board.dataset.messageFailed));
    document.body.addEventListener("htmx:sendError", () => announce(board.dataset.messageFailed));
    document.body.addEventListener("htmx:afterRequest", () => {
      board.querySelectorAll(".applicant-card.is-moving").forEach((card) => card.classList.remove("is-moving"));
    });
  }

  function setUpList() {
    const all = document.querySelector("[data-select-all]");
    const boxes = Array.from(document.querySelectorAll("[data-select]"));
    const count = document.querySelector("[data-selected-count]");
    if (!all || !boxes.length) return;
    const template = count ? count.dataset.template : "";
    const update = () => {
      const ticked = boxes.filter((box) => box.checked).length;
      all.checked = ticked === boxes.length;
      all.indeterminate = ticked > 0 && ticked < boxes.length;
      if (count && template) {
        count.hidden = ticked === 0;
        count.textContent = template.replace("%(count)s", ticked);
      }
    };
    all.hidden = false;
    all.addEventListener("change", () => {
      boxes.forEach((box) => {
        box.checked = all.checked;
      });
      update();
    });
    boxes.forEach((box) => box.addEventListener("change", update));
    update();
  }

  // On a phone the filters start folded, so the applicants come first (unless some filter is on).
  const filters = document.querySelector("[data-fold-on-phone]");
  if (filters && !filters.hasAttribute("data-filtered") && window.matchMedia("(max-width: 52rem)").matches) {
    filters.open = false;
  }
  if (board && window.htmx) setUpBoard();
  setUpList();
})();
