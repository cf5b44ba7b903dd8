// Portable docs: an embedded audio, video or PDF is a link marked `obsidian-media` (generator/render/media.py),
// so that every engine resolves its URL; here each becomes its player, as the default docs render it.
(function () {
  function players() {
    document.querySelectorAll("a.obsidian-media").forEach(function (link) {
      var kind = link.getAttribute("data-kind");
      var player;
      if (kind === "pdf") {
        player = document.createElement("iframe");
        player.title = link.textContent;
        player.setAttribute("loading", "lazy");
        if (link.getAttribute("data-height")) player.style.height = link.getAttribute("data-height") + "px";
      } else if (kind === "audio" || kind === "video") {
        player = document.createElement(kind);
        player.controls = true;
        if (link.getAttribute("data-width")) player.width = Number(link.getAttribute("data-width"));
      } else {
        return;
      }
      player.className = "obsidian-" + kind;
      player.src = link.href;
      link.replaceWith(player);
    });
  }
  if (typeof document$ !== "undefined") document$.subscribe(players);  // Material: after each instant navigation
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", players);
  else players();
})();
