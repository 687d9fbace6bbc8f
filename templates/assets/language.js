// Remembers the reader's language choice in the `nf_lang` cookie, which Netlify's language
// redirects on "/" honour before Accept-Language; on the static "/" page it also sends the
// reader on to their language (saved choice first, then the browser's languages).
(function () {
  "use strict";
  var year = 60 * 60 * 24 * 365;
  function remember(code) {
    document.cookie = "nf_lang=" + code + "; path=/; max-age=" + year + "; SameSite=Lax";
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-language]");
    if (link) remember(link.getAttribute("data-language"));
  });
  var body = document.body;
  if (!body || !body.classList.contains("language-choice")) return;
  var available = (body.getAttribute("data-languages") || "").split(" ");
  var saved = (document.cookie.match(/(?:^|; )nf_lang=([a-z-]+)/) || [])[1];
  var wanted = [saved].concat(navigator.languages || [navigator.language]);
  for (var i = 0; i < wanted.length; i++) {
    var code = wanted[i] && wanted[i].slice(0, 2).toLowerCase();
    if (code && available.indexOf(code) !== -1) {
      window.location.replace("/" + code + "/");
      return;
    }
  }
})();
