// Unit tier alone (fast feedback while editing); `npm test` runs all tiers from jest.config.js.
const { tier } = require('./preset');
module.exports = tier('unit', ['<rootDir>/{apps,libs,tools}/**/*.spec.ts']);
