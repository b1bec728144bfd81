// The composer's live limits: each platform's count as it would publish the post (text, the link on its own
// line unless the text holds it, then the hashtags), as src/platforms/rules.ts counts it. The server checks again.
(function () {
  var form = document.getElementById("composer");
  if (!form) return;
  var URL_RE = /https?:\/\/[^\s]+/g;
  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter("en", { granularity: "grapheme" }) : null;

  // X's weighted length: a URL counts 23; Latin and general punctuation count 1, everything else 2.
  function weighted(text) {
    var n = 0;
    var rest = text.replace(URL_RE, function () {
      n += 23;
      return "";
    });
    var parts = segmenter ? Array.from(segmenter.segment(rest), function (s) { return s.segment; }) : Array.from(rest);
    parts.forEach(function (g) {
      var cp = g.codePointAt(0);
      var light = cp <= 0x10ff || (cp >= 0x2000 && cp <= 0x200d) || (cp >= 0x2010 && cp <= 0x201f) || (cp >= 0x2032 && cp <= 0x2037);
      n += light ? 1 : 2;
    });
    return n;
  }

  function postText() {
    var caption = form.elements.caption.value;
    var link = form.elements.linkUrl.value.trim();
    if (link && caption.indexOf(link) === -1) caption = caption.trim() + "\n" + link;
    var tags = form.elements.hashtags.value
      .split(/[\s,]+/)
      .map(function (h) { return h.replace(/^#+/, ""); })
      .filter(function (h) { return h !== ""; });
    var unique = tags.filter(function (h, i) { return tags.indexOf(h) === i; });
    var line = unique.map(function (h) { return "#" + h; }).join(" ");
    return { text: line ? caption.trim() + "\n\n" + line : caption.trim(), tags: unique.length };
  }

  function update() {
    var post = postText();
    form.querySelectorAll(".composer-count").forEach(function (el) {
      var max = Number(el.dataset.max);
      var n = el.dataset.weighted === "1" ? weighted(post.text) : Array.from(post.text).length;
      var tooManyTags = post.tags > Number(el.dataset.hashtagsMax);
      el.textContent = n + " / " + max + (tooManyTags ? " (over " + el.dataset.hashtagsMax + " hashtags)" : "");
      el.classList.toggle("over", n > max || tooManyTags);
    });
  }

  form.addEventListener("input", update);
  update();
})();

// Several files: the chosen ones listed in posting order, each with a thumbnail (images), Up, Down and Remove. Every
// change rebuilds the picker's own list, so the form sends the files in this order (without JS: the picker's order).
(function () {
  var input = document.getElementById("composer-media");
  var list = document.getElementById("composer-files");
  if (!input || !list || typeof DataTransfer === "undefined") return;
  var chosen = [];

  function sync() {
    var dt = new DataTransfer();
    chosen.forEach(function (f) { dt.items.add(f); });
    input.files = dt.files;
  }

  function button(label, name, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "secondary small";
    b.textContent = label;
    b.setAttribute("aria-label", label + " " + name);
    b.addEventListener("click", onClick);
    return b;
  }

  function move(i, by) {
    var j = i + by;
    if (j < 0 || j >= chosen.length) return;
    var f = chosen[i];
    chosen[i] = chosen[j];
    chosen[j] = f;
    sync();
    render();
  }

  function render() {
    list.textContent = "";
    list.hidden = chosen.length === 0;
    chosen.forEach(function (f, i) {
      var li = document.createElement("li");
      li.className = "composer-file";
      if (f.type.indexOf("image/") === 0 && f.size < 8e6) {
        var img = document.createElement("img");
        img.alt = "";
        img.width = 48;
        img.height = 48;
        var reader = new FileReader();
        reader.onload = function () { img.src = reader.result; };
        reader.readAsDataURL(f);
        li.appendChild(img);
      }
      var name = document.createElement("span");
      name.className = "composer-file-name";
      name.textContent = (i + 1) + ". " + f.name + (i === 0 && chosen.length > 1 ? " (cover)" : "");
      li.appendChild(name);
      li.appendChild(button("Up", f.name, function () { move(i, -1); }));
      li.appendChild(button("Down", f.name, function () { move(i, 1); }));
      li.appendChild(button("Remove", f.name, function () { chosen.splice(i, 1); sync(); render(); }));
      list.appendChild(li);
    });
  }

  input.addEventListener("change", function () {
    chosen = Array.from(input.files || []);
    render();
  });
})();
