// @ts-nocheck: faker 6 publishes no types for its locale entry points; this file only passes it on.
// Prism's mocker requires "@faker-js/faker", whose index loads all 50 locales (about a
// second at start-up, for data that only `Prefer: dynamic=true` uses); the server's bundle
// (tsup.config.ts) takes this module in its place: the same faker, English only (Prism's
// locale), exported the way Prism reads it (`.default`).
const faker = require("@faker-js/faker/locale/en");

module.exports = { default: faker, faker };
