// Loaded in <head> without defer: the large-text choice applies before first paint, so it never flickers.
try { if (localStorage.getItem("largeText") === "1") document.documentElement.classList.add("large-text"); } catch (e) { /* private mode */ }
