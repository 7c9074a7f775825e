#!/usr/bin/python3
"""Writes options.json and one GeoJSON FeatureCollection per option from the curated content below.

Run with /usr/bin/python3 (no third-party modules needed):  /usr/bin/python3 make_options.py
then check with:                                           /usr/bin/python3 check_options.py

Provenance rules enforced here (and again, independently, by check_options.py):
* every quote is located in its source document (whitespace-insensitive) and the document's own
  characters are written out, so the stored quote is a verbatim substring of the file;
* every place coordinate is read from ../places.geojson or ../gazetteer_region.csv (never typed in);
  the only typed coordinates are sea waypoints of the Black Sea route (not places; each has a purpose)
  and those were produced by strait_path.py / checked against the 1:10m land by check_options.py.
"""
import csv
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GEO = os.path.dirname(HERE)
SRC = os.path.join(GEO, "sources")

DOCS = {}
for fn in sorted(os.listdir(SRC)):
    if fn.endswith(".txt"):
        with open(os.path.join(SRC, fn), encoding="utf-8") as fh:
            DOCS[fn] = fh.read()
DOC_BY_PREFIX = {fn[:3]: fn for fn in DOCS}


def q(prefix, text):
    """A source entry: the document's exact characters for `text` (whitespace-insensitive match)."""
    fn = DOC_BY_PREFIX[prefix]
    pat = r"\s+".join(re.escape(tok) for tok in text.split())
    hits = list(re.finditer(pat, DOCS[fn]))
    if not hits:
        sys.exit("quote not found in %s: %r" % (fn, text))
    return {"doc": fn, "quote": hits[0].group(0)}


# ---------------------------------------------------------------- gazetteers
with open(os.path.join(GEO, "places.geojson"), encoding="utf-8") as fh:
    PLACES = {f["properties"]["name"]: f for f in json.load(fh)["features"]}
GAZ = {}
with open(os.path.join(GEO, "gazetteer_region.csv"), encoding="utf-8", newline="") as fh:
    for row in csv.DictReader(fh):
        GAZ.setdefault((row["name"], row["country"], row["admin1"]), []).append(row)


def r5(v):
    return round(float(v) + 0.0, 5)


def P(name):
    """(lon, lat, gazetteer reference) of a places.geojson entry."""
    lon, lat = PLACES[name]["geometry"]["coordinates"]
    return r5(lon), r5(lat), "places.geojson: " + name


def G(name, cc, admin1):
    rows = GAZ[(name, cc, admin1)]
    if len(rows) != 1:
        sys.exit("ambiguous gazetteer entry %s,%s,%s" % (name, cc, admin1))
    return r5(rows[0]["lon"]), r5(rows[0]["lat"]), "gazetteer_region.csv: %s,%s,%s" % (name, cc, admin1)


def MID(a, b):
    """Midpoint of two gazetteer entries (as places.geojson does for straits)."""
    return r5((a[0] + b[0]) / 2), r5((a[1] + b[1]) / 2), "midpoint of %s + %s" % (a[2], b[2])


def point(lonlat):
    return {"type": "Point", "coordinates": [lonlat[0], lonlat[1]]}


def line(coords):
    return {"type": "LineString", "coordinates": [[c[0], c[1]] for c in coords]}


def feat(fid, geom, **props):
    """A GeoJSON Feature; properties start with option, layer, id, then as given."""
    p = {"option": props.pop("option"), "layer": props.pop("layer"), "id": fid}
    p.update(props)
    return {"type": "Feature", "id": fid, "geometry": geom, "properties": p}


# ================================================================= quotes used more than once
Q_SKY_SIZE = q("002", "The UK and other European nations are considering deploying up to 30,000 troops to Ukraine as part of a post-war “reassurance force,” officials say.")
Q_SKY_SECURE = q("002", "The mission—distinct from peacekeeping—would secure cities, ports, and nuclear sites to encourage refugee returns.")
Q_UNDER_30K = q("002", "Western officials confirm that the proposed force, under 30,000 strong, would focus on air and maritime security, ensuring safe airspace and Black Sea trade routes.")
Q_MINIMAL = q("002", "Ground deployments would be minimal, avoiding frontline regions.")
Q_DEEPER = q("003", "Behind Ukrainian forces, a European-led peacekeeping force would provide secondary deterrence, with thousands of European troops stationed deeper in Ukraine.")
Q_AWAY = q("004", "Troops would be away from the front lines, in support of the Ukrainian military, already the largest and most experienced in Europe, with some 900,000 people under arms.")
Q_TRAIN_CONT = q("003", "Ukrainian forces would continue receiving training from British, French, and other European militaries under arrangements considered highly likely to proceed.")
Q_FRAMEWORK = q("003", "The contractor deployment forms part of a broader European-led security framework that includes air policing missions, naval operations in the Black Sea, and training programs moved to Ukrainian soil.")
Q_EU_TRAIN = q("000", "The European Union 's existing training mission for Ukrainian troops will also continue, ensuring that Kyiv can sustain and modernise its armed forces in the years ahead.")
Q_BACKSTOP_PL_RO = q("002", "A key condition for the European force is a US military ‘backstop’, expected to centre on American air power based in Poland and Romania.")
Q_FINAL_BACKSTOP = q("003", "The final backstop would involve US fighter jets and missiles positioned in neighboring countries like Poland or Romania to deter Russian attacks against forces in Ukraine.")
Q_REQUESTED = q("003", "European governments have requested Trump station fighter jets and missiles in neighboring Poland or Romania to respond to Russian aggression against their forces in Ukraine.")
Q_HEAVY_STAGED = q("003", "American heavy-lift aircraft would transport European equipment into Ukraine, while a staged approach would reopen Ukrainian airports from west to east as confidence in ceasefire arrangements builds.")
Q_HEAVY_LACK = q("003", "European nations lack the satellite capabilities needed to monitor any ceasefire and require US heavy-lift aircraft to transport equipment and troops.")
Q_BUFFER20 = q("003", "The first line of defense would involve Ukrainian soldiers defending a reinforced border at frozen front lines, with discussions ongoing about a demilitarized buffer zone extending 20 kilometers on either side of the contact line.")
Q_US_MONITOR = q("003", "If a peace agreement is reached, the US plans to take a leading role in monitoring a large demilitarized buffer zone on Ukrainian territory, NBC News reports.")
Q_SEPARATE = q("003", "It would separate the Russian and Ukrainian areas after the fighting ends.")
Q_NO_US_IN_ZONE = q("003", "The US drones, satellites, and other intelligence tools would help ensure security compliance, while American troops would not be deployed within the zone.")
Q_NON_NATO = q("003", "Troops from one or more non-NATO countries, such as Saudi Arabia or Bangladesh, could secure the buffer zone.")
Q_OCC_SHARE = q("004", "That argument suggests that what matters is a sovereign Ukraine, its future assured, even if Russia retains the 20 per cent or more of Ukrainian territory it has occupied since 2014.")
Q_TURKIYE = q("003", "Meanwhile, Turkiye would be responsible for the safe movement of goods and services in the Black Sea, controlling the Bosporus and Dardanelles straits.")
Q_GRAIN = q("003", "Previously, Turkiye attempted to ensure the safety of the maritime corridor for exporting Ukrainian grain.")
Q_ODESA_STRIKES = q("003", "However, Russia continued its strikes on Ukraine’s Odesa port anyway.")
Q_RAF_RN = q("002", "Discussions include RAF jets policing Ukrainian airspace and Royal Navy warships aiding Black Sea security.")
Q_NOFLY_US = q("001", "U.S. air support could come in a variety of ways including providing more air defense systems to Ukraine and enforcing a no-fly zone with U.S. fighter jets.")
Q_NOFLY_PARTS = q("001", "Perhaps the most contentious proposal, said to be raised privately by some European chiefs, is whether to consider a no-fly zone in parts of Ukraine.")
Q_UK_SKIES = q("001", "He is understood to have told his American counterparts the UK is prepared to send troops to defend Ukraine's skies and seas but not to the frontline with Russia, as planning intensifies for a postwar settlement.")
Q_FT_CAMPS = q("003", "While a small group of countries, including the UK, are ready to deploy troops, Italy has ruled out participation entirely, and a larger group—among them Germany—have yet to make any firm commitments.")
Q_FT_ONE = q("003", "One group—including the UK—is ready to commit troops.")
Q_FT_ITALY = q("003", "Another, including Italy, has already decided against any troop involvement.")
Q_FT_GERMANY = q("003", "The third, which reportedly includes Germany, has not yet made a decision either way.")
Q_GER_UNCLEAR = q("003", "Germany’s position remains unclear.")
Q_NYT_ONLY3 = q("004", "But France, Britain and tiny Estonia are the only countries that have indicated they could deploy troops in a postwar Ukraine.")
Q_RFE_COUNTRIES = q("003", "Countries prepared to take this step include the United Kingdom, France, the Nordic countries, the Baltic states, the Netherlands, and Australia.")
Q_RFE_TEN = q("003", "It was agreed that out of 21 countries willing to work on security guarantees for Ukraine, ten would agree to send their soldiers to Ukrainian territory after the fighting ends.")
Q_GER_HESIT = q("004", "Germany has hesitated and main front-line states such as Poland have refused to take part.")
Q_POLES = q("004", "The Poles, mistrustful of Russia, have said they want to keep their troops at home for their own defence, and where they are genuinely protected by Nato’s article 5, rather than vulnerable to incidents or accidents that Russia might use to weaken or divide peacekeepers.")
Q_BILD_RECONS = q("003", "Germany is reconsidering its position on sending troops to enforce ceasefire efforts in Ukraine, a shift from its stance two weeks ago, Bild reports.")
Q_BILD_EARLIER = q("003", "Following talks at the Alaska summit, Germany signaled readiness to send troops to Ukraine as part of a potential peacekeeping mission should the war be frozen.")
Q_BILD_OFF = q("003", "Deploying German soldiers to monitor a ceasefire is “off the table for now,” with changes only possible if Trump acts and Russia ends the war, which “shows no signs” of happening, government sources said.")
Q_FLAMINGO_PROD = q("003", "In particular, at the end of August, Ukraine began production of its long-range cruise missile, the Flamingo.")
Q_FLAMINGO_RANGE = q("003", "This domestically produced missile has a flight range exceeding 3,000 km and carries a 1,150 kg warhead.")
Q_SKRYP = q("003", "According to Maksym Skrypchenko, president of the Transatlantic Dialogue Center, Ukraine’s own missile program could be the country’s best security guarantee.")
Q_RU_NATO_AFFIL = q("000", "The Russian foreign ministry yesterday reiterated its opposition to the deployment of Nato or Nato-affiliated troops in Ukraine, warning that such a move would be seen as a direct threat to Russia's security.")
Q_MOSCOW_DISMISS = q("000", "But even as the talks took place, Moscow dismissed the plans as dangerous and warned against any Western military presence in Ukraine.")
Q_RU_FM_NATO = q("001", "Russia's Foreign Ministry has ruled out the deployment of troops from NATO countries to help secure a peace deal.")
Q_LEGIT = q("003", "“If any troops appear in Ukraine, especially now during ongoing hostilities, we proceed from the assumption that they will be legitimate targets for strikes,” said the Russian president.")
Q_LEGIT_HEAD = q("003", "If Western forces appear on Ukrainian territory, they would become legitimate targets for Russia, declared Russian dictator Vladimir Putin, according to UNIAN.")
Q_ZAKHAROVA = q("004", "A foreign ministry spokesperson, Maria Zakharova, said Russia “categorically rejects any scenario that envisages the appearance in Ukraine of a military contingent with the participation of Nato countries”.")
Q_LAVROV_UNACC = q("002", "However, Russia opposes any NATO-aligned presence in Ukraine, with Foreign Minister Sergei Lavrov warning it would be “unacceptable”.")
Q_RED_LINE = q("003", "Some security guarantees from allies are planned to be based on the plan, which avoids the use of NATO forces and Article V to avoid crossing Russia’s “red line.”")

OPTIONS = []
FEATURES = {}
DOC002_NOTE = ("Document 002 is undated: it expects Starmer and Macron to meet Trump in Washington 'next week' and the "
               "30 August Telegraph report calls the 30,000 figure 'previously discussed', so it probably predates the "
               "August–September 2025 reports.")

# ================================================================= 1. reassurance_force
O = "reassurance_force"
pos_sources = [Q_SKY_SECURE, Q_DEEPER, Q_AWAY, Q_MINIMAL]
fs = []


def pos(fid, place, kind_note):
    lon, lat, ref = P(place)
    return feat(fid, point((lon, lat)), option=O, layer="positions", name=place, placement="inferred",
                note=kind_note, gazetteer=ref, sources=pos_sources)


DEEP = ("The documents give no locations: the force would secure cities, ports and nuclear sites, "
        "'deeper in Ukraine' / 'away from the front lines'. ")
fs += [
    pos("rf_kyiv", "Kyiv", DEEP + "Kyiv chosen as the capital and largest city, about 430 km behind the approximate contact line."),
    pos("rf_lviv", "Lviv", DEEP + "Lviv chosen as the largest western city, on the supply routes from Poland, farthest from the front."),
    pos("rf_odesa", "Odesa", DEEP + "Odesa port chosen as Ukraine's main sea port (also the start of the Black Sea trade route); "
        "note that it lies about 60 km from the approximate contact line, the closest of these positions."),
    pos("rf_chornomorsk", "Chornomorsk", DEEP + "Chornomorsk chosen as one of the three Odesa-area sea ports."),
    pos("rf_pivdennyi", "Pivdennyi", DEEP + "Pivdennyi chosen as one of the three Odesa-area sea ports (placed at GeoNames 'Pivdenne', see places.geojson note)."),
    pos("rf_rivne_npp", "Rivne NPP", DEEP + "Rivne nuclear power plant chosen as an operating plant in the north-west (placed at its satellite town Varash, places.geojson)."),
    pos("rf_khmelnytskyi_npp", "Khmelnytskyi NPP", DEEP + "Khmelnytskyi nuclear power plant chosen as an operating plant in the west (placed at its satellite town Netishyn, places.geojson)."),
    pos("rf_south_ukraine_npp", "South Ukraine NPP", DEEP + "South Ukraine nuclear power plant chosen as an operating plant in the south, well behind the front (placed at its satellite town Pivdennoukrainsk, places.geojson). "
        "Zaporizhzhia NPP (occupied, on the contact line) and Chornobyl (decommissioned, exclusion zone) were left out on purpose."),
]
ylon, ylat, yref = G("Yavoriv", "UA", "15")
fs.append(feat("rf_training_yavoriv", point((ylon, ylat)), option=O, layer="training", name="Training mission (Yavoriv, illustrative)",
               placement="inferred",
               note="The documents say only that training programmes would move to Ukrainian soil and that British, French and other "
                    "European militaries would keep training Ukrainian forces; no site is named. Yavoriv (Lviv oblast) chosen as an "
                    "illustrative site: a training area near the Polish border, as far as possible from the front line.",
               gazetteer=yref, sources=[Q_FRAMEWORK, Q_TRAIN_CONT, Q_EU_TRAIN]))
FEATURES[O] = fs
OPTIONS.append({
    "id": O, "title": "European reassurance force",
    "summary": "UK/France-led coalition of the willing: European troops securing cities, ports and nuclear sites away from the front, plus training on Ukrainian soil.",
    "colour": "#0072B2", "file": O + ".geojson",
    "layers": [
        {"id": "positions", "title": "Reassurance force positions (illustrative)",
         "legend": "Cities, ports and nuclear plants the force might secure; locations inferred, not named in the reports"},
        {"id": "training", "title": "Training mission on Ukrainian soil",
         "legend": "Illustrative training site in western Ukraine; no site is named in the reports"},
    ],
    "parameters": [],
    "facts": [
        {"text": "Proposed force 'under 30,000 strong', focused on air and maritime security (safe airspace, Black Sea trade routes).",
         "troops_min": None, "troops_max": 30000,
         "note": "Upper bound only ('under 30,000'); no lower figure given. " + DOC002_NOTE,
         "sources": [Q_UNDER_30K]},
        {"text": "UK and other European nations considering deploying up to 30,000 troops as a post-war 'reassurance force' (Sky News).",
         "troops_min": None, "troops_max": 30000, "note": "Upper bound only ('up to 30,000'). " + DOC002_NOTE,
         "sources": [Q_SKY_SIZE]},
        {"text": "Previously discussed as a 30,000-troop deployment, since scaled back (resources; not to look 'too muscular' to Putin).",
         "troops_min": None, "troops_max": 30000,
         "note": "The reports give no new figure: the scaled-back force is smaller than 30,000 by an unstated amount.",
         "sources": [q("003", "The European reassurance force was previously discussed as a 30,000-troop deployment but has been scaled back due to resource limitations and concerns it could appear “too muscular” to Putin, sources said.")]},
        {"text": "Preliminary estimate after the 4 September Paris meeting: 25–30 thousand troops (RFE/RL via Euromaidan Press).",
         "troops_min": 25000, "troops_max": 30000,
         "sources": [q("003", "Preliminary estimates suggest that the European mission in Ukraine could number 25–30 thousand troops.")]},
        {"text": "'Likely solution': about 15,000–20,000 European troops, away from the front lines (Camille Grand, ECFR).",
         "troops_min": 15000, "troops_max": 20000,
         "sources": [q("004", "A likely solution could be about 15,000 to 20,000 European troops being deployed in Ukraine, said Camille Grand, a former Nato assistant secretary general who has studied options for such security guarantees."), Q_AWAY]},
        {"text": "26 countries formally committed to deploy as a 'reassurance force' or be present on the ground, at sea or in the air (Macron, 4 Sep).",
         "sources": [q("003", "“We have today 26 countries who have formally committed […] to deploy as a ‘reassurance force’ troops in Ukraine, or be present on the ground, in the sea, or in the air,” French president Emmanuel Macron told reporters after the summit.")]},
        {"text": "Of 21 countries working on guarantees, ten would send soldiers to Ukrainian territory after the fighting ends.",
         "sources": [Q_RFE_TEN]},
        {"text": "The mission is distinct from peacekeeping: it would secure cities, ports and nuclear sites to encourage refugee returns; ground deployments minimal, avoiding frontline regions.",
         "sources": [Q_SKY_SECURE, Q_MINIMAL, Q_DEEPER]},
        {"text": "The UK would send troops to defend Ukraine's skies and seas but not to the front line.",
         "sources": [Q_UK_SKIES]},
        {"text": "One option: European forces under US command and control, not under a NATO banner but under their own national flags.",
         "sources": [q("001", "One option was sending European forces to Ukraine but putting the U.S. in charge of their command and control, two sources familiar with the matter told Reuters."),
                     q("001", "The sources added that the troops would not be under a NATO banner but operate under their own nations' flags.")]},
        {"text": "Sustaining a deployment normally means rotation: one group on the ground, one training to go, one returning.",
         "sources": [q("004", "That would normally involve rotational forces, with one group on the ground, one group training to go and one group returning.")]},
        {"text": "Training continues: British, French and other European militaries (EU training mission), with programmes moved to Ukrainian soil.",
         "sources": [Q_TRAIN_CONT, Q_FRAMEWORK, Q_EU_TRAIN]},
    ],
})

# ================================================================= 2. us_backstop
O = "us_backstop"
RADIUS_BACKSTOP = 1170
fs = []
for fid, name, country in [("us_rzeszow", "Rzeszów-Jasionka", "Poland"), ("us_lask", "Łask Air Base", "Poland"),
                           ("us_powidz", "Powidz Air Base", "Poland"),
                           ("us_mk", "Mihail Kogălniceanu Air Base", "Romania"),
                           ("us_campia_turzii", "Câmpia Turzii Air Base", "Romania")]:
    lon, lat, ref = P(name)
    fs.append(feat(fid, point((lon, lat)), option=O, layer="bases", name=name, placement="inferred",
                   note=("The reports name only the country ('air power based in Poland and Romania'; 'neighboring countries like "
                         "Poland or Romania'); this is one of the curated air bases in %s (places.geojson kind air_base). "
                         "Places note: %s. The Aegis Ashore missile-defence sites (Redzikowo, Deveselu) were left out: they are "
                         "interceptor sites, not bases for fighter jets." % (country, PLACES[name]["properties"]["note"])),
                   gazetteer=ref, radius_km=RADIUS_BACKSTOP,
                   derive={"kind": "range_ring", "parameter": "radius_km"},
                   sources=[Q_BACKSTOP_PL_RO, Q_FINAL_BACKSTOP, Q_REQUESTED]))
a = P("Rzeszów-Jasionka")
b = P("Kyiv")
fs.append(feat("us_heavy_lift", line([a, b]), option=O, layer="heavy_lift",
               name="US heavy-lift: Rzeszów-Jasionka → Kyiv (illustrative)", placement="inferred",
               note=("The reports say only that American heavy-lift aircraft would carry European equipment (and troops) into Ukraine. "
                     "Origin: Rzeszów-Jasionka, the curated Polish air/logistics hub nearest Ukraine; destination: Kyiv, where the "
                     "force would sit 'deeper in Ukraine'. Drawn as a straight two-point line, not a flight path; with the staged "
                     "airport reopening, early flights would land at western airports first."),
               vertices=[{"name": "Rzeszów-Jasionka", "gazetteer": a[2], "lon": a[0], "lat": a[1]},
                         {"name": "Kyiv", "gazetteer": b[2], "lon": b[0], "lat": b[1]}],
               sources=[Q_HEAVY_STAGED, Q_HEAVY_LACK]))
FEATURES[O] = fs
OPTIONS.append({
    "id": O, "title": "US backstop (air power in Poland and Romania)",
    "summary": "US air power based in Poland and Romania to deter attacks on European forces, plus intelligence, command and control, air defence and heavy lift — no US troops on the ground.",
    "colour": "#AA3377", "file": O + ".geojson",
    "layers": [
        {"id": "bases", "title": "US air power bases (illustrative)",
         "legend": "Air bases in Poland and Romania with a reach ring; the reports name only the countries"},
        {"id": "heavy_lift", "title": "US heavy-lift into Ukraine (illustrative)",
         "legend": "Straight line from the Rzeszów-Jasionka hub to Kyiv; no route is stated"},
    ],
    "parameters": [
        {"id": "radius_km", "label": "Reach ring radius", "unit": "km", "default": RADIUS_BACKSTOP, "min": 100, "max": 3000, "step": 10,
         "basis": ("Geographic, not an aircraft specification: the geodesic distance from Rzeszów-Jasionka (places.geojson, "
                   "22.03712 E 50.07829 N) to the farthest point of the approximate contact line (vertex Siversk, 38.09683 E "
                   "48.86476 N) is 1169.5 km (`geod +ellps=WGS84 -I +units=km`, WGS84), rounded up to 1170 km, so the ring "
                   "from the hub nearest Ukraine just covers the whole line of contact that the backstop would deter attacks across."),
         "sources": [Q_BACKSTOP_PL_RO, Q_FINAL_BACKSTOP]},
    ],
    "facts": [
        {"text": "Washington would offer intelligence, command and control systems and help establish an air defence shield; Europe must lead.",
         "sources": [q("003", "US President Donald Trump has told European leaders that Washington would offer intelligence, command and control systems, and help in establishing an air defense shield, but insisted that the European side must lead the effort.")]},
        {"text": "No US troops on the ground in Ukraine (Trump; Hegseth).",
         "sources": [q("000", "Trump has made clear that the United States will not commit troops on the ground in Ukraine."),
                     q("002", "US Secretary of Defence Pete Hegseth ruled out American troop deployments, leaving Europe to take the lead."),
                     q("001", "Trump has publicly ruled out deploying U.S. troops in Ukraine but on Tuesday appeared to leave the door open to other U.S. military involvement.")]},
        {"text": "Backstop: US fighter jets and missiles in neighbouring Poland or Romania to deter Russian attacks on forces in Ukraine.",
         "sources": [Q_FINAL_BACKSTOP, Q_REQUESTED, Q_BACKSTOP_PL_RO]},
        {"text": "US air support could include more air defence systems and enforcing a no-fly zone with US fighter jets.",
         "sources": [Q_NOFLY_US]},
        {"text": "Operational intelligence: satellite cover and information on Russian intentions and troop movements; Europe lacks the satellites to monitor a ceasefire.",
         "sources": [q("004", "The United States would be asked to provide operational intelligence, including satellite cover and information about Russian intentions or troop movements, and perhaps train Ukrainian forces, but without troops on the ground."),
                     Q_HEAVY_LACK]},
        {"text": "US heavy-lift aircraft would carry European equipment and troops into Ukraine.",
         "sources": [Q_HEAVY_STAGED, Q_HEAVY_LACK]},
        {"text": "US General Alexus Grynkewich (NATO's top commander) could oversee deployments; the White House approved his role in planning.",
         "sources": [q("003", "The Pentagon has discussed positioning US General Alexus Grynkewich, NATO’s top commander, to oversee deployments under the peace plan."),
                     q("003", "The White House has already approved his involvement in military planning, which European allies view as one of the greatest signs of Trump’s support for security guarantees.")]},
        {"text": "American private military contractors could build front-line fortifications and bases (Telegraph).",
         "sources": [q("003", "Donald Trump is negotiating with European allies to deploy American private military contractors to Ukraine as part of long-term security guarantees, offering a workaround to his campaign promise against stationing US troops in the country, The Telegraph reports."),
                     q("003", "Front-line fortifications and nearby bases would be built by American private military contractors using methods deployed in Iraq and Afghanistan, The Telegraph reported, citing European officials.")]},
    ],
})

# ================================================================= 3. buffer_zone
O = "buffer_zone"
WIDTH = 20
CL = [
    ("Shebekino", G("Shebekino", "RU", "09"), "start in Russia (Belgorod oblast), about 8 km beyond the border north of Vovchansk, so that the line crosses Ukraine's border here"),
    ("Vovchansk", P("Vovchansk"), "northern Kharkiv front"),
    ("Dvorichna", G("Dvorichna", "UA", "07"), "Oskil river north of Kupiansk"),
    ("Kupiansk", P("Kupiansk"), "Kupiansk front"),
    ("Borova", G("Borova", "UA", "07"), "Oskil front south of Kupiansk (Kharkiv oblast; not the Borova in Kyiv oblast)"),
    ("Lyman", P("Lyman"), "Lyman front (Donetsk oblast; not the Lyman in Odesa or Kharkiv oblast)"),
    ("Siversk", P("Siversk"), "Siversk front"),
    ("Chasiv Yar", P("Chasiv Yar"), "Chasiv Yar"),
    ("Kostiantynivka", P("Kostiantynivka"), "Kostiantynivka front (Kostyantynivka in Donetsk oblast, not the villages of that name elsewhere)"),
    ("Pokrovsk", P("Pokrovsk"), "Pokrovsk front"),
    ("Velyka Novosilka", G("Velyka Novosilka", "UA", "05"), "southern Donetsk front"),
    ("Huliaipole", P("Huliaipole"), "Huliaipole front (Hulyaypole in Zaporizhzhia oblast, not the one in Dnipropetrovsk oblast)"),
    ("Orikhiv", P("Orikhiv"), "Orikhiv front"),
    ("Stepnohirsk", G("Stepnohirsk", "UA", "26"), "where the front meets the Dnipro (Kakhovka reservoir)"),
    ("Enerhodar", G("Enerhodar", "UA", "26"), "along the Dnipro / former Kakhovka reservoir (occupied left bank, Zaporizhzhia NPP)"),
    ("Nova Kakhovka", P("Nova Kakhovka"), "along the Dnipro (occupied left bank)"),
    ("Kherson", P("Kherson"), "along the Dnipro at Kherson; the GeoNames point lies 0.2 km off the generalised 1:10m coast, in the estuary"),
    ("Dnipro estuary (midpoint Stanislav / Nova Zburivka)", MID(G("Stanislav", "UA", "08"), G("Nova Zburivka", "UA", "08")),
     "in the water of the Dnipro estuary between the right-bank village of Stanislav and the left-bank village of Nova Zburivka (midpoint, as places.geojson does for straits)"),
    ("Ochakiv", P("Ochakiv"), "end in the water at the mouth of the Dnipro–Buh estuary, opposite the occupied Kinburn spit (the GeoNames point lies 0.6 km off the 1:10m coast)"),
]
vertices = [{"name": n, "gazetteer": g[2], "lon": g[0], "lat": g[1], "role": role} for n, g, role in CL]
cl_geom = line([g for _, g, _ in CL])
CL_NOTE = ("An approximation by settlement, not a surveyed line: straight segments between settlements at or near the front "
           "as of late August 2025 (judgement of the analyst; the reports do not draw the line). It smooths out salients and "
           "pockets (e.g. the Dobropillia salient, the advance into Dnipropetrovsk oblast, small Russian-held pockets in Sumy and "
           "Kharkiv oblasts) and by its straight Vovchansk–Dvorichna segment puts a Ukrainian-held border strip on the "
           "Russian side. It starts in Russia (Shebekino) and ends in the water (Dnipro estuary / Ochakiv) so that it "
           "crosses Ukraine's 1:10m border exactly twice.")
fs = [
    feat("bz_contact_line", cl_geom, option=O, layer="contact_line", name="Approximate line of contact (late Aug 2025)",
         placement="inferred", note=CL_NOTE, width_km=WIDTH, derive={"kind": "buffer", "parameter": "width_km"},
         vertices=vertices, sources=[Q_BUFFER20, Q_US_MONITOR, Q_SEPARATE, Q_NON_NATO, Q_NO_US_IN_ZONE]),
]
seeds = [list(P(n)[:2]) for n in ("Donetsk", "Luhansk", "Melitopol", "Simferopol")]
fs.append(feat("bz_occupied", cl_geom, option=O, layer="occupied", name="Russian-occupied side of the line (approximate)",
               placement="inferred",
               note=(CL_NOTE + " The application keeps the part(s) of Ukraine's polygon on the side of the seeds Donetsk, Luhansk, "
                     "Melitopol and Simferopol (places.geojson). With this line that part is about 19.4 % of Ukraine's 1:10m area "
                     "(equal-area computation by check_options.py), consistent with the reported '20 per cent or more'."),
               derive={"kind": "occupied_side", "seeds": seeds,
                       "seed_gazetteer": ["places.geojson: Donetsk", "places.geojson: Luhansk", "places.geojson: Melitopol",
                                          "places.geojson: Simferopol"]},
               vertices=vertices, sources=[Q_OCC_SHARE]))
FEATURES[O] = fs
OPTIONS.append({
    "id": O, "title": "Demilitarised buffer zone",
    "summary": "A demilitarised zone 20 km either side of the contact line, monitored by the US from the air and space and secured by troops of non-NATO countries.",
    "colour": "#D55E00", "file": O + ".geojson",
    "layers": [
        {"id": "contact_line", "title": "Line of contact and buffer zone",
         "legend": "Approximate line of contact (late Aug 2025, by settlement) with a band of ± buffer half-width"},
        {"id": "occupied", "title": "Occupied side",
         "legend": "Part of Ukraine beyond the approximate line of contact (Russian-occupied)"},
    ],
    "parameters": [
        {"id": "width_km", "label": "Buffer half-width", "unit": "km", "default": WIDTH, "min": 0, "max": 100, "step": 1,
         "basis": "The Telegraph (via Euromaidan Press) reports discussions of a demilitarised buffer zone extending 20 km on either side of the contact line.",
         "sources": [Q_BUFFER20]},
    ],
    "facts": [
        {"text": "Demilitarised buffer zone extending 20 km on either side of the contact line (under discussion).", "sources": [Q_BUFFER20]},
        {"text": "The US would take a leading role in monitoring a large demilitarised buffer zone (NBC News); it would separate the Russian and Ukrainian areas.",
         "sources": [Q_US_MONITOR, Q_SEPARATE,
                     q("003", "The following day, NBC News reported, citing several sources, that the United States might take a leading role in controlling a large buffer zone created to protect Ukraine from Russian aggression in case of a peace agreement between Ukraine and Russia.")]},
        {"text": "US drones, satellites and other intelligence tools would check compliance; no American troops within the zone.",
         "sources": [Q_NO_US_IN_ZONE]},
        {"text": "Troops from non-NATO countries such as Saudi Arabia or Bangladesh could secure the buffer zone (both are off this map).",
         "sources": [Q_NON_NATO]},
        {"text": "Separate, unarmed front-line observers (other countries or the UN), aided by satellite and drone surveillance.",
         "sources": [q("004", "Other countries or even the United Nations could provide separate, unarmed front-line observers, aided by satellite and drone surveillance.")]},
        {"text": "Russia occupies 20 per cent or more of Ukrainian territory (since 2014).", "sources": [Q_OCC_SHARE]},
        {"text": "Russia demands the rest of Donetsk region that it does not occupy; Zelenskiy rejects this.",
         "sources": [q("004", "Some European officials and analysts see Trump’s new commitment to security guarantees as a way of convincing Ukraine’s president, Volodymyr Zelenskiy, to agree to Russian demands to give up the rest of the eastern Donetsk region that is not occupied by Russian forces, in order to stop the war that Russia is slowly winning."),
                     q("004", "So it would be a huge gift to Moscow and a huge sacrifice for Zelenskiy, who rejects the idea out of hand.")]},
    ],
})

# ================================================================= 4. black_sea
O = "black_sea"
odesa, chorn, piv = P("Odesa"), P("Chornomorsk"), P("Pivdennyi")
bos, dar = P("Bosporus"), P("Dardanelles")


def sea(name, lon, lat, purpose):
    return {"name": name, "lon": lon, "lat": lat, "purpose": purpose}


def placewp(name, g, purpose):
    return {"name": name, "gazetteer": g[2], "lon": g[0], "lat": g[1], "purpose": purpose}


W1 = sea("W1 south of the Gulf of Odesa", 30.85, 46.2, "sea waypoint south of the Gulf of Odesa where the feeders from Chornomorsk and Pivdennyi join")
MAIN = [
    placewp("Odesa", odesa, "start: port of Odesa (the GeoNames point lies 1.6 km inland at 1:10m; the leg reaches the sea 2.3 km from it)"),
    sea("O1 off Odesa harbour", 30.82, 46.47, "sea waypoint off Odesa harbour, clear of the Gulf of Odesa shore"),
    W1,
    sea("W2 off the Danube delta", 29.95, 45.05, "sea waypoint more than 20 km off the Danube delta (Sulina), where the route comes to run off Romania"),
    sea("W3 off Constanța", 28.95, 44.15, "sea waypoint about 25 km east of Constanța (Romania)"),
    sea("W4 off Cape Kaliakra / Varna", 28.65, 43.25, "sea waypoint off Cape Kaliakra and Varna (Bulgaria); the leg from W3 passes about 10 km off the cape"),
    sea("W5 off Burgas", 28.1, 42.5, "sea waypoint off Burgas bay (Bulgaria), before turning south-east for the Bosporus"),
    sea("B0 Bosporus north entrance", 29.15, 41.26, "northern entrance of the Bosporus"),
    sea("B1 Bosporus channel", 29.06615, 41.15305, "channel waypoint in the Bosporus (keeps the leg in water at 1:10m)"),
    sea("B2 Bosporus channel", 29.07455, 41.12935, "channel waypoint in the Bosporus bend"),
    placewp("Bosporus", bos, "Bosporus midpoint (places.geojson strait point, in water)"),
    sea("B3 Bosporus channel", 29.03555, 41.05285, "channel waypoint in the southern Bosporus"),
    sea("B4 Bosporus channel", 29.00495, 41.03215, "channel waypoint at the southern mouth of the Bosporus"),
    sea("S0 Sea of Marmara, off Istanbul", 28.98, 40.93, "Sea of Marmara south of Istanbul, clear of the Bosporus mouth"),
    sea("M1 north of Marmara Island", 27.6, 40.78, "Sea of Marmara, passing north of Marmara Island"),
    sea("D0 Dardanelles north-east entrance", 27.0, 40.5, "Sea of Marmara at the north-eastern entrance of the Dardanelles (east of Gelibolu)"),
    sea("D1 Dardanelles channel", 26.64775, 40.37915, "channel waypoint in the Dardanelles"),
    sea("D2 Dardanelles channel", 26.59525, 40.33085, "channel waypoint in the Dardanelles"),
    sea("D3 Dardanelles channel", 26.40065, 40.19645, "channel waypoint north of the Çanakkale narrows"),
    placewp("Dardanelles", dar, "Dardanelles midpoint at the Çanakkale narrows (places.geojson strait point, in water)"),
    sea("D4 Dardanelles channel", 26.38105, 40.14885, "channel waypoint south of the Çanakkale narrows"),
    sea("D5 Dardanelles south-west mouth", 26.10175, 39.95215, "south-western mouth of the Dardanelles"),
    sea("A1 Aegean Sea", 25.85, 39.95, "end: Aegean Sea west of the Dardanelles mouth, between the islands of Gökçeada and Bozcaada"),
]


def waypoint_note(wps):
    return "; ".join("%d. %s: %s" % (i + 1, w["name"], w["purpose"]) for i, w in enumerate(wps))


ROUTE_SRC = [Q_UNDER_30K, Q_TURKIYE, Q_GRAIN, Q_ODESA_STRIKES]
fs = [feat("bs_route_odesa", line([(w["lon"], w["lat"]) for w in MAIN]), option=O, layer="routes",
           name="Black Sea trade route: Odesa – Bosporus – Dardanelles", placement="inferred",
           note=("The reports name the Black Sea trade routes, Odesa port, the Bosporus and the Dardanelles but draw no route; "
                 "waypoints chosen by the analyst to run along the western Black Sea off Romania and Bulgaria, each geodesic leg "
                 "at sea at 1:10m (strait waypoints from a least-cost path through the 1:10m water, strait_path.py). Waypoints: "
                 + waypoint_note(MAIN)),
           derive={"kind": "geodesic_route"}, vertices=MAIN, sources=ROUTE_SRC)]
for fid, nm, g, land_km, leg_km in [("bs_feeder_chornomorsk", "Chornomorsk", chorn, 1.8, 19),
                                    ("bs_feeder_pivdennyi", "Pivdennyi", piv, 1.1, 51)]:
    wps = [placewp(nm, g, "start: port of %s (the leg reaches the sea %.1f km from the GeoNames point)" % (nm, land_km)), W1]
    # A feeder is one leg (19 / 51 km): drawn as given, not a geodesic_route of its own (each
    # geodesic_route is a whole passage Odesa - Bosporus - Dardanelles - Aegean); check_options.py checks
    # its leg at sea like the route's.
    fs.append(feat(fid, line([(w["lon"], w["lat"]) for w in wps]), option=O, layer="routes",
                   name="Feeder: %s to the trade route" % nm, placement="inferred",
                   note=("Feeder leg (%d km) from the Odesa-area port of %s to the main route at W1; a single leg, so "
                         "drawn as a straight segment rather than a geodesic route of its own (the difference is negligible at "
                         "map scale). Waypoints: %s" % (leg_km, nm, waypoint_note(wps))),
                   feeder_of="bs_route_odesa", vertices=wps, sources=ROUTE_SRC))
for fid, nm, g in [("bs_bosporus", "Bosporus", bos), ("bs_dardanelles", "Dardanelles", dar)]:
    fs.append(feat(fid, point(g[:2]), option=O, layer="straits", name=nm + " (Türkiye controls)", placement="stated",
                   gazetteer=g[2], sources=[Q_TURKIYE]))
w3 = MAIN[4]
fs.append(feat("bs_royal_navy", point((w3["lon"], w3["lat"])), option=O, layer="naval",
               name="Royal Navy / European naval operations (illustrative)", placement="inferred",
               note=("The reports say only 'Royal Navy warships aiding Black Sea security' and 'naval operations in the Black Sea'. "
                     "Shown at a sea position on the trade route off Constanța (route waypoint W3, about mid-way between Odesa and "
                     "the Bosporus); a sea position, not a place, so no gazetteer entry."),
               sources=[Q_RAF_RN, Q_FRAMEWORK]))
FEATURES[O] = fs
OPTIONS.append({
    "id": O, "title": "Black Sea maritime security and trade routes",
    "summary": "Safe Black Sea trade from the Odesa ports through the Turkish Straits, with Türkiye controlling the Bosporus and Dardanelles and European (Royal Navy) warships aiding security.",
    "colour": "#009E73", "file": O + ".geojson",
    "layers": [
        {"id": "routes", "title": "Trade route", "legend": "Illustrative route from the Odesa ports to the Aegean, geodesic legs at sea"},
        {"id": "straits", "title": "Turkish Straits", "legend": "Bosporus and Dardanelles, controlled by Türkiye under the plan"},
        {"id": "naval", "title": "Naval operations", "legend": "Illustrative position of European warships in the western Black Sea"},
    ],
    "parameters": [],
    "facts": [
        {"text": "The force would focus on air and maritime security, ensuring safe airspace and Black Sea trade routes.", "sources": [Q_UNDER_30K]},
        {"text": "Türkiye would be responsible for the safe movement of goods in the Black Sea, controlling the Bosporus and Dardanelles.",
         "sources": [Q_TURKIYE, Q_GRAIN]},
        {"text": "Russia kept striking Odesa port during the earlier Turkish-backed grain corridor.", "sources": [Q_ODESA_STRIKES]},
        {"text": "Royal Navy warships aiding Black Sea security; naval operations in the Black Sea are part of the European-led framework.",
         "sources": [Q_RAF_RN, Q_FRAMEWORK]},
        {"text": "The UK would send troops to defend Ukraine's skies and seas.", "sources": [Q_UK_SKIES]},
    ],
})

# ================================================================= 5. air_policing
O = "air_policing"
STAGES = [
    (1, "West of 26° E", ["Uzhhorod", "Lviv", "Ivano-Frankivsk", "Ternopil", "Chernivtsi"]),
    (2, "26–30° E", ["Rivne", "Vinnytsia", "Zhytomyr"]),
    (3, "East of 30° E, at least 150 km from the contact line", ["Kyiv", "Kropyvnytskyi", "Poltava"]),
    (4, "Within 150 km of the contact line", ["Odesa", "Mykolaiv", "Kryvyi Rih", "Dnipro", "Zaporizhzhia", "Kharkiv"]),
]
fs = []
for stage, rule, cities in STAGES:
    for c in cities:
        lon, lat, ref = P(c)
        fs.append(feat("ap_" + re.sub(r"[^a-z]+", "_", c.lower()).strip("_"), point((lon, lat)), option=O, layer="airports",
                       name="%s (stage %d)" % (c, stage), placement="inferred",
                       note=("The report says only that airports would reopen 'from west to east'; which airports and the stage "
                             "bands are the analyst's illustration (stage %d: %s). Placed at the city point (places.geojson); "
                             "the airport itself lies outside the city." % (stage, rule)),
                       gazetteer=ref, stage=stage, sources=[Q_HEAVY_STAGED]))
fs.append(feat("ap_no_fly", None, option=O, layer="no_fly", name="Air policing / no-fly zone over Ukraine", placement="stated",
               note=("Ukrainian airspace is named ('RAF jets policing Ukrainian airspace'). One report speaks of a no-fly zone 'in parts "
                     "of Ukraine' without saying which parts; the whole country is shown."),
               derive={"kind": "country_area", "country": "Ukraine"},
               sources=[Q_RAF_RN, Q_NOFLY_US, Q_NOFLY_PARTS, Q_FRAMEWORK]))
FEATURES[O] = fs
OPTIONS.append({
    "id": O, "title": "Air policing, no-fly zone and staged airport reopening",
    "summary": "RAF and other European jets police Ukrainian airspace (possibly a no-fly zone) while Ukraine's airports reopen in stages from west to east.",
    "colour": "#56B4E9", "file": O + ".geojson",
    "layers": [
        {"id": "airports", "title": "Airport reopening stages (illustrative)",
         "legend": "Cities with airports, numbered by reopening stage from west (1) to east (4)",
         # A city's airport, not the city's port (Odesa): every point of the layer is drawn as a position.
         "symbol": "position"},
        {"id": "no_fly", "title": "Air policing / no-fly zone", "legend": "Ukrainian airspace policed by European jets"},
    ],
    "parameters": [
        {"id": "stage", "label": "Airports reopened up to stage", "unit": "stage", "default": 4, "min": 1, "max": 4, "step": 1,
         "basis": ("The report gives only the direction ('from west to east'). Stages are the analyst's bands: 1 west of 26° E; "
                   "2 26–30° E; 3 east of 30° E and at least 150 km (geodesic) from the approximate contact line; 4 within 150 km "
                   "of it (Odesa, Mykolaiv and Kryvyi Rih lie west of 34° E but within 100 km of the line, so they come last). "
                   "Kherson (on the contact line, inside the buffer zone) is left out."),
         "sources": [Q_HEAVY_STAGED]},
    ],
    "stages": [{"stage": s, "rule": r, "cities": c} for s, r, c in STAGES],
    "facts": [
        {"text": "A staged approach would reopen Ukrainian airports from west to east as confidence in the ceasefire builds.", "sources": [Q_HEAVY_STAGED]},
        {"text": "RAF jets policing Ukrainian airspace; air policing missions are part of the European-led framework.", "sources": [Q_RAF_RN, Q_FRAMEWORK]},
        {"text": "A no-fly zone (in parts of Ukraine) was raised privately by some European chiefs — seen as highly unlikely under Trump.",
         "sources": [Q_NOFLY_PARTS, q("001", "While seen as highly unlikely under Trump, the fact that it remains on the list underscores European concern about Moscow's continued aerial bombardment.")]},
        {"text": "US air support could include enforcing a no-fly zone with US fighter jets.", "sources": [Q_NOFLY_US]},
        {"text": "The force would ensure safe airspace.", "sources": [Q_UNDER_30K]},
    ],
})

# ================================================================= 6. force_concepts
O = "force_concepts"
FEATURES[O] = []
OPTIONS.append({
    "id": O, "title": "Force concepts compared",
    "summary": "Peacekeeping force (tens of thousands), tripwire force, observer force (a few hundred) and Zelenskyy's 100,000–150,000 deterrence force.",
    "colour": "#F0E442", "file": O + ".geojson",
    "layers": [],
    "parameters": [],
    "facts": [
        {"text": "Peacekeeping force: armed, defensive, supplementing the Ukrainian military; a credible deterrent would take tens of thousands of troops.",
         "troops_min": 20000, "troops_max": None,
         "note": "'Tens of thousands' read as at least 20,000; no upper figure is given.",
         "sources": [q("004", "Peacekeeping force One concept is a full-blown “peacekeeping force”, presumably armed, that would supplement the Ukrainian military."),
                     q("004", "The problem is that to be a credible deterrent, that would take tens of thousands of troops.")]},
        {"text": "Tripwire force: far smaller, cannot mount much defence; relies on Russia hesitating to kill European troops — an untested theory.",
         "sources": [q("004", "‘Tripwire’ force A second possibility is a far smaller “tripwire” force."),
                     q("004", "It would not be able to mount much of a defence, but the theory is that the Russians would hesitate to risk killing non-Ukrainian Europeans in any resumed invasion effort."),
                     q("004", "That, however, is an untested theory – and a big roll of the dice.")]},
        {"text": "Observer force: small, a few hundred troops, reporting incoming military action; could be replaced by satellites and ground cameras.",
         "troops_min": 200, "troops_max": 500,
         "note": "'A few hundred troops or so' read as 200–500.",
         "sources": [q("004", "It could be small, a few hundred troops or so."),
                     q("004", "They would essentially be there to report on any incoming military action.")]},
        {"text": "Zelenskyy called for a far larger deterrence force of 100,000–150,000 troops involving the US; Washington rejected it.",
         "troops_min": 100000, "troops_max": 150000,
         "sources": [q("002", "The plan comes amid Ukrainian President Volodymyr Zelenskyy’s call for a far larger deterrence force (100,000-150,000 troops) involving the US, which Washington has rejected.")]},
        {"text": "'Reassurance force' (European): distinct from peacekeeping, sized 15,000–30,000 in the reports (see the reassurance force option).",
         "troops_min": 15000, "troops_max": 30000,
         "sources": [Q_SKY_SECURE, Q_SKY_SIZE,
                     q("004", "A likely solution could be about 15,000 to 20,000 European troops being deployed in Ukraine, said Camille Grand, a former Nato assistant secretary general who has studied options for such security guarantees.")]},
        {"text": "Three tiers (Telegraph): Ukrainian forces on the frozen front line; a European force deeper in Ukraine; a US air backstop in Poland or Romania.",
         "sources": [Q_BUFFER20, Q_DEEPER, Q_FINAL_BACKSTOP]},
        {"text": "Ukraine's own army, some 900,000 under arms, would remain the core; 'a strong Ukrainian army is and will remain the central element of security guarantees' (Zelenskyy).",
         "troops_min": 900000, "troops_max": 900000,
         "note": "'Some 900,000' is approximate.",
         "sources": [Q_AWAY,
                     q("003", "Ukrainian president Volodymyr Zelenskyy said following the meeting that “a strong Ukrainian army is and will remain the central element of security guarantees.”")]},
    ],
})

# ================================================================= 7. contributors
O = "contributors"
fs = []
NORDIC_NOTE = ("The 4 September report (Euromaidan Press citing RFE/RL) names 'the Nordic countries' as ready to send troops; "
               "expanded by the analyst to Denmark, Finland, Norway, Sweden and Iceland (Iceland has no 1:10m polygon on this map "
               "and is listed as a fact). ")
BALTIC_NOTE = ("The 4 September report names 'the Baltic states' as ready to send troops; expanded by the analyst to Estonia, "
               "Latvia and Lithuania. ")
CONFLICT_EARLY = ("Conflict: the earlier New York Times report (about 19 August) said France, Britain and Estonia were the only "
                  "countries to have indicated they could deploy troops; the later 4 September report (latest document) supports "
                  "'ready to deploy'.")


def stance(fid, country, st, placement, sources, note=None):
    props = dict(option=O, layer="stances", name="%s — %s" % (country, st.replace("_", " ")), placement=placement,
                 country=country, stance=st, sources=sources)
    if note:
        props["note"] = note
    fs.append(feat(fid, None, **props))


stance("st_france", "France", "ready_to_deploy", "stated", [Q_NYT_ONLY3, Q_RFE_COUNTRIES])
# The United Kingdom lies west of the 1:10m extract; briefmap joins it to the 1:50m polygon.
stance("st_united_kingdom", "United Kingdom", "ready_to_deploy", "stated", [Q_FT_CAMPS, Q_FT_ONE, Q_RFE_COUNTRIES],
       note="Joined to the 1:50m country polygon: the 1:10m extract starts at 4°E.")
stance("st_estonia", "Estonia", "ready_to_deploy", "stated", [Q_NYT_ONLY3, Q_RFE_COUNTRIES],
       note="Named directly by the New York Times (19 August) and, as one of 'the Baltic states', by the 4 September report.")
for c in ["Latvia", "Lithuania"]:
    stance("st_" + c.lower(), c, "ready_to_deploy", "inferred", [Q_RFE_COUNTRIES, Q_NYT_ONLY3], note=BALTIC_NOTE + CONFLICT_EARLY)
for c in ["Denmark", "Finland", "Norway", "Sweden"]:
    stance("st_" + c.lower(), c, "ready_to_deploy", "inferred", [Q_RFE_COUNTRIES, Q_NYT_ONLY3], note=NORDIC_NOTE + CONFLICT_EARLY)
stance("st_netherlands", "Netherlands", "ready_to_deploy", "stated", [Q_RFE_COUNTRIES, Q_NYT_ONLY3], note=CONFLICT_EARLY)
stance("st_italy", "Italy", "ruled_out", "stated", [Q_FT_CAMPS, Q_FT_ITALY])
stance("st_germany", "Germany", "undecided", "stated", [Q_FT_CAMPS, Q_FT_GERMANY, Q_GER_UNCLEAR, Q_GER_HESIT, Q_BILD_RECONS, Q_BILD_EARLIER, Q_BILD_OFF],
       note=("Conflicting reports. After the Alaska summit (about two weeks before 31 August) Germany signalled readiness (per Bild), while the New York Times said it had "
             "'hesitated'; on 31 August Bild reported that Germany is backing out (deploying soldiers 'off the table for now'); "
             "the latest document, the Financial Times report of 4 September, still places Germany in the group that has not yet "
             "decided either way. Stance follows the latest report: undecided (leaning against troops)."))
stance("st_poland", "Poland", "refuses_own_troops", "stated", [Q_GER_HESIT, Q_POLES],
       note=("Poland refuses to send its own troops (keeps them home for its own defence) but is where the US air backstop would "
             "be based (see us_backstop), and its foreign minister doubts the guarantees."))
FEATURES[O] = fs
OPTIONS.append({
    "id": O, "title": "Who would contribute troops",
    "summary": "Countries by stance on sending troops to a post-war Ukraine: ready (UK, France, Nordic and Baltic states, Netherlands), ruled out (Italy), undecided (Germany), own troops refused (Poland).",
    "colour": "#E69F00", "file": O + ".geojson",
    "layers": [
        {"id": "stances", "title": "Troop contribution stance", "legend": "Country filled by its stance on sending troops (see stance legend)"},
    ],
    "parameters": [],
    "facts": [
        {"text": "United Kingdom: ready to deploy troops (leads the coalition with France); would defend Ukraine's skies and seas, not the front line.",
         "country": "United Kingdom", "stance": "ready_to_deploy",
         "note": "No polygon in the 1:10m basemap (outside its lon 4–60 box), so listed here rather than on the map.",
         "sources": [Q_FT_CAMPS, Q_FT_ONE, Q_NYT_ONLY3, Q_RFE_COUNTRIES, Q_UK_SKIES,
                     q("003", "The initiative is being pushed by France and the UK, with the US offering limited but targeted support.")]},
        {"text": "Australia: among the countries prepared to send soldiers (4 September report).",
         "country": "Australia", "stance": "ready_to_deploy",
         "note": "Off the map (no 1:10m polygon).",
         "sources": [Q_RFE_COUNTRIES]},
        {"text": "Iceland: one of 'the Nordic countries' named as ready (expanded by the analyst).",
         "country": "Iceland", "stance": "ready_to_deploy",
         "note": ("No 1:10m polygon on this map. The report does not break 'the Nordic countries' down; Iceland has no armed "
                  "forces of its own, so what it would contribute is unclear."),
         "sources": [Q_RFE_COUNTRIES]},
        {"text": "United States: no troops on the ground; air power, intelligence, command and control instead (see us_backstop).",
         "country": "United States of America", "stance": "refuses_own_troops",
         "note": "Off the map (no 1:10m polygon).",
         "sources": [q("000", "Trump has made clear that the United States will not commit troops on the ground in Ukraine."),
                     q("002", "US Secretary of Defence Pete Hegseth ruled out American troop deployments, leaving Europe to take the lead.")]},
        {"text": "26 countries formally committed to the reassurance force (ground, sea or air); ten of 21 would send soldiers. The FT saw three camps: ready (incl. UK), ruled out (incl. Italy), undecided (incl. Germany).",
         "sources": [Q_RFE_TEN, Q_FT_CAMPS]},
        {"text": "Earlier (about 19 August) only France, Britain and Estonia had indicated they could deploy troops; the 4 September list is longer.",
         "sources": [Q_NYT_ONLY3, Q_RFE_COUNTRIES]},
        {"text": "Most European countries are said to be prepared only to provide logistical support, not boots on the ground (20 September commentary).",
         "sources": [q("003", "Most European countries are prepared only to provide logistical support, not boots on the ground, making the current guarantees largely ineffective and vague.")]},
        {"text": "Poland's foreign minister Sikorski: 'Who wants to fight Russia? I don't see many volunteers.'",
         "sources": [q("003", "“I don’t think that’s convincing. Who wants to fight Russia? I don’t see many volunteers. In international relations, nothing is worse than offering guarantees that are not trusted.”")]},
    ],
})

# ================================================================= 8. deterrents_and_red_lines
O = "deterrents_and_red_lines"
kyiv = P("Kyiv")
moscow = P("Moscow")
fs = [
    feat("dr_flamingo", point(kyiv[:2]), option=O, layer="deterrents", name="Flamingo cruise missile reach (>3,000 km, illustrative origin Kyiv)",
         placement="inferred",
         note=("Launch sites are not public; the ring is drawn from Kyiv as an illustrative origin to show the order of reach, "
               "not actual launch positions or targets."),
         gazetteer=kyiv[2], radius_km=3000, derive={"kind": "range_ring", "parameter": "radius_km"},
         sources=[Q_FLAMINGO_PROD, Q_FLAMINGO_RANGE, Q_SKRYP]),
    feat("dr_russia_red_lines", point(moscow[:2]), option=O, layer="red_lines", name="Russia's red lines (Moscow)", placement="stated",
         note="Moscow is named as the source of the objections; the point stands for the Russian government's position.",
         gazetteer=moscow[2], sources=[Q_MOSCOW_DISMISS, Q_RU_NATO_AFFIL, Q_RU_FM_NATO, Q_ZAKHAROVA, Q_LEGIT, Q_LAVROV_UNACC]),
]
FEATURES[O] = fs
OPTIONS.append({
    "id": O, "title": "Deterrents and Russia's red lines",
    "summary": "Ukraine's own deterrent (Flamingo cruise missile, range over 3,000 km) against Russia's red lines: no NATO or NATO-affiliated troops, Western troops 'legitimate targets'.",
    "colour": "#000000", "file": O + ".geojson",
    "layers": [
        {"id": "deterrents", "title": "Ukrainian long-range deterrent", "legend": "Flamingo reach ring from an illustrative origin (Kyiv)"},
        {"id": "red_lines", "title": "Russia's red lines", "legend": "Moscow: Russia's stated objections to Western troops in Ukraine"},
    ],
    "parameters": [
        {"id": "radius_km", "label": "Flamingo reach", "unit": "km", "default": 3000, "min": 100, "max": 3000, "step": 50,
         "basis": "The quoted flight range: 'exceeding 3,000 km' (3,000 km is the stated lower bound of the range).",
         "sources": [Q_FLAMINGO_RANGE]},
    ],
    "facts": [
        {"text": "Ukraine began producing the Flamingo long-range cruise missile at the end of August: range over 3,000 km, 1,150 kg warhead.",
         "sources": [Q_FLAMINGO_PROD, Q_FLAMINGO_RANGE]},
        {"text": "Ukraine's own missile programme could be its best security guarantee; several hundred long-range missiles could deter Moscow (Skrypchenko).",
         "sources": [Q_SKRYP, q("003", "He is confident that Moscow can be deterred from a new attack if Ukraine possesses several hundred long-range ballistic missiles.")]},
        {"text": "Red line: no NATO or NATO-affiliated troops in Ukraine ('a direct threat to Russia's security'; 'unacceptable').",
         "sources": [Q_RU_NATO_AFFIL, Q_RU_FM_NATO, Q_ZAKHAROVA, Q_LAVROV_UNACC]},
        {"text": "Putin: Western troops appearing in Ukraine would be 'legitimate targets' for strikes.",
         "sources": [Q_LEGIT_HEAD, Q_LEGIT]},
        {"text": "The NBC-reported plan avoids NATO forces and Article 5 so as not to cross Russia's 'red line'.",
         "sources": [Q_RED_LINE]},
        {"text": "Russia wants a say: guarantees 'must take into account Russia's security interests' (Zakharova); Lavrov proposes the 2022 Istanbul draft, which gave Moscow a veto.",
         "sources": [q("003", "Her statement that security guarantees “must take into account Russia’s security interests” effectively demands Moscow have veto power over Ukrainian defense arrangements."),
                     q("001", "Lavrov said Russia was in favour of \"truly reliable\" guarantees for Ukraine and suggested these could be modelled on a draft accord that was discussed between the warring parties in Istanbul in 2022, in the early weeks of the war."),
                     q("001", "But Russia insisted any decision must be agreed by all guarantor st ates - meaning Moscow would have a veto.")]},
    ],
})

# ================================================================= document catalogue
DOCUMENTS = [
    {"doc": DOC_BY_PREFIX["000"], "what": "News-aggregator page: 'What could US and Europe security guarantees look like for Ukraine?' (after the White House meeting of Monday 18 August 2025)",
     "unrelated": "French UNIFIL peacekeepers in Lebanon (AP photos); Afghan relocation data breaches (BBC); Ukrainian interceptor drones (Telegraph) — nothing taken from these"},
    {"doc": DOC_BY_PREFIX["001"], "what": "News-aggregator page: Reuters 'US, NATO planners start to craft Ukraine security guarantee options' (about 19 August 2025); Daily Mirror on the Pentagon meeting with UK military chiefs; Reuters on Lavrov, 20 August 2025",
     "unrelated": "Trump calls on Fed Governor Cook to resign (Reuters) — nothing taken"},
    {"doc": DOC_BY_PREFIX["002"], "what": "Undated press round-up 'European security plan seeks US backstop as Russia objects' (with Guardian and Sky News items). " + DOC002_NOTE,
     "unrelated": ""},
    {"doc": DOC_BY_PREFIX["003"], "what": "Euromaidan Press feed, 29 August – 20 September 2025 (Telegraph, Bild, FT, NBC, RFE/RL, NYT reports relayed)",
     "unrelated": ""},
    {"doc": DOC_BY_PREFIX["004"], "what": "Reprint of two New York Times articles after the 18 August 2025 White House summit (security guarantees; peacekeeping / tripwire / observer concepts)",
     "unrelated": ""},
]

# ================================================================= write
STANCES = {
    "ready_to_deploy": {"label": "Ready to deploy troops", "colour": "#009E73"},
    "undecided": {"label": "Undecided / hesitant", "colour": "#F0E442"},
    "refuses_own_troops": {"label": "Refuses to send its own troops", "colour": "#CC79A7"},
    "ruled_out": {"label": "Ruled out taking part", "colour": "#D55E00"},
}

# Named comparisons an analyst switches to in one click: which options are on, with which parameter values
# (the parameters not named go back to their defaults).
PRESETS = [
    {"id": "guarantee_stack", "title": "The three-tier plan: buffer zone, reassurance force, US backstop",
     "options": ["buffer_zone", "reassurance_force", "us_backstop"], "parameters": {}},
    {"id": "buffer_20_vs_50", "title": "Buffer zone at 50 km either side (reported: 20 km)",
     "options": ["buffer_zone"], "parameters": {"buffer_zone.width_km": 50}},
    {"id": "sea_and_air", "title": "Black Sea routes and air policing", "options": ["black_sea", "air_policing"],
     "parameters": {}},
    {"id": "who_contributes", "title": "Who would contribute troops", "options": ["contributors", "reassurance_force"],
     "parameters": {}},
    {"id": "deterrence", "title": "Deterrence: US backstop and Ukraine's own long-range missile",
     "options": ["us_backstop", "deterrents_and_red_lines"], "parameters": {}},
    {"id": "none", "title": "All options off", "options": [], "parameters": {}},
]


def dump(obj, path):
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        json.dump(obj, fh, ensure_ascii=False, indent=1)
        fh.write("\n")


doc = {
    "sources_dir": "../sources",
    "generated_by": "make_options.py (checked by check_options.py)",
    "coordinates": "WGS84 lon/lat, 5 decimals; places from ../places.geojson and ../gazetteer_region.csv (GeoNames, CC BY 4.0)",
    "documents": DOCUMENTS,
    "options": OPTIONS,
    "stances": STANCES,
    "presets": PRESETS,
}
dump(doc, os.path.join(HERE, "options.json"))
for o in OPTIONS:
    fc = {"type": "FeatureCollection", "name": o["id"], "features": FEATURES[o["id"]]}
    dump(fc, os.path.join(HERE, o["file"]))
print("wrote options.json and %d GeoJSON files" % len(OPTIONS))
