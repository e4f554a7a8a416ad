// The first card needs the database library and the deck. Imported here, they are listed in the page's
// HTML for preloading with the route's own code, instead of being fetched only after that code has run
// (on a phone network that was most of the wait for the first card). The home screen still loads the
// database lazily, after it is interactive (see lib/db/lazy.ts and the size budget).
import '$lib/db/stores.ts';
import 'virtual:duka/vocab';
