"""Client-side search: lunr indexes built at build time, loaded by lunr.js in the browser."""
