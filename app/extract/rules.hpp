#pragma once
// Internal to the extract module: the rule tables (names, variants, demonyms, groups, seas, regions and the
// option cues). Kept apart from the labelled test sentences in tests/fixtures/extract/ (which were written
// first, by reading the documents) so that the figures measure the rules rather than restate them.
#include <span>
#include <string_view>

namespace briefmap::extract::rules {

/// Other spellings of a canonical name (a curated place, a country or a sea).
struct Variants {
  std::string_view canonical;
  std::span<const std::string_view> variants;
};
std::span<const Variants> placeVariants();
/// A title before a person's name ("minister", "president", "mr"), folded.
bool isPersonTitle(std::string_view word);
/// A verb that reports speech ("said", "declined", "told"), folded.
bool isVerbOfSpeech(std::string_view word);
/// Variants of towns that only the regional GeoNames list holds (added once those towns are loaded).
std::span<const Variants> regionTownVariants();

/// A basemap country name (Natural Earth) and the name briefings use.
struct CountryName {
  std::string_view basemap;
  std::string_view canonical;
  std::string_view iso2;
};
std::span<const CountryName> countryNames();
/// Abbreviations that only count written in capitals: "US", "UK", "USA" (never "us").
struct ExactCaseName {
  std::string_view name;
  std::string_view canonical;
};
std::span<const ExactCaseName> exactCaseNames();

/// A demonym or adjective and the country it locates ("Polish" -> Poland), counted only before a locating noun.
struct Demonym {
  std::string_view adjective;
  std::string_view country;
};
std::span<const Demonym> demonyms();
/// Nouns after which a demonym locates something ("airspace", "soil", "territory", "ports" …).
std::span<const std::string_view> locatingNouns();

/// A name that stands for several places ("the Baltic states").
struct Group {
  std::string_view name;
  std::span<const std::string_view> members;
};
std::span<const Group> groups();

/// A sea, placed at the mean of its curated ports (all names of geodata/places.geojson); also a region
/// without an administrative centre of its own ("Donbas": the mean of Donetsk and Luhansk).
struct Sea {
  std::string_view name;
  std::span<const std::string_view> ports;
  std::string_view kind = "sea";
};
std::span<const Sea> seas();

/// Words that turn a town into its region: "Donetsk region", "Donetsk Oblast".
std::span<const std::string_view> regionWords();
/// Regions whose name is not their centre's: "Dnipropetrovsk" -> Dnipro, "Kirovohrad" -> Kropyvnytskyi.
struct RegionName {
  std::string_view region;   ///< as written before "region"/"Oblast"
  std::string_view centre;   ///< curated place
  std::string_view label;    ///< the region's name on the map
};
std::span<const RegionName> regionNames();

/// GeoNames city names that briefings write otherwise ("Washington, D.C." -> "Washington"), with more spellings.
struct CityName {
  std::string_view geonames;
  std::string_view canonical;
  std::span<const std::string_view> variants;
};
std::span<const CityName> cityNames();

/// English words that are also towns in the long GeoNames list; such towns are not matched.
std::span<const std::string_view> commonWords();
/// Is this folded word the noun of an agreement or format ("declaration", "statement", "format")?
bool isAgreementNoun(std::string_view foldedWord);
/// Is this word a name some writers put in lower case on purpose ("russia", "moscow")? Such a name counts either way.
bool isWrittenInLowerCaseOnPurpose(std::string_view word);

/// A phrase that points at an option, with its weight.
struct Cue {
  std::string_view phrase;
  double weight;
};
/// The cues of each option, in the order of kOptionIds.
std::span<const Cue> optionCues(size_t option);
/// Places whose mention points at an option ("Bosporus" -> black_sea).
struct PlaceCue {
  std::string_view place;
  size_t option;
  double weight;
};
std::span<const PlaceCue> placeCues();
/// Openings that continue the previous sentence's subject ("It", "These talks", "The force").
std::span<const std::string_view> anaphors();
/// Is this folded word a noun that names the arrangement under discussion when "this", "these" or "such" points at
/// it ("opposition to this initiative", "accept such a move"): a reference anywhere in the sentence (round 15)?
bool isReferredArrangementNoun(std::string_view foldedWord);
/// Phrases that open a historical or comparative clause ("during the … war", "similar to the one"): the places
/// in the next `reach` words (up to a comma or bracket) are aside; `needsWar`: only if a war word follows.
struct AsideMarker {
  std::string_view phrase;
  size_t reach;
  bool needsWar = false;
  bool afterPause = false;  ///< only after a comma or a dash ("…, much like the DMZ", not "would very much like")
};
std::span<const AsideMarker> asideMarkers();
/// Names of organisations and newspapers that contain a place ("Kyiv Independent", "Washington Post").
std::span<const std::string_view> organisationNames();
/// Words that put a sentence in the context of the war and the guarantees (Ukraine, Russia, ceasefire …).
std::span<const std::string_view> contextTerms();
/// Words for a nuclear plant, and the terms of a settlement about it ("joint management", "output"): a sentence
/// with both is relevant with no option of options.json.
std::span<const std::string_view> plantWords();
std::span<const Cue> settlementTerms();
/// Words that report an attack as an event ("struck", "attacks"), and the words that make such a sentence about
/// an arrangement after all ("halt", "ceasefire", a modal such as "would"): an attack reported without them is the
/// war itself, never a candidate (round 7).
std::span<const std::string_view> attackWords();
std::span<const std::string_view> arrangementWords();
/// Nouns of an event whose venue is no place of the arrangement ("summit", "conference"): "the Paris summit",
/// "the summit …, held in Paris" (round 7).
std::span<const std::string_view> summitNouns();
/// When an event happened, right after its place: "met in London on Thursday", "signed … in Paris Tuesday", "in Kyiv
/// this week" (round 35). The place is the event's venue, no place of the arrangement.
std::span<const std::string_view> eventTimes();
/// A time long past, right after a place: "Berlin after World War II" is history, the place aside (round 36).
std::span<const std::string_view> pastTimesAfterAPlace();
/// Words of a meeting ("meeting", "summit", "met", "press conference"), and the names of the body that meets
/// ("coalition of the willing") and of taking part ("took part", round 13): in a sentence about a meeting they say who
/// met, not what was arranged (round 11), and weigh kBodyAtAMeeting instead of their cue weight.
std::span<const std::string_view> meetingWords();
/// Words of the occasion of a statement ("talks", "interview", "on the sidelines", "Axios reported this"): with the meeting
/// words, a sentence that tells only when, where or to whom something was said continues no subject (round 16).
std::span<const std::string_view> occasionWords();
std::span<const std::string_view> bodyNames();
/// Words of trade and sanctions ("fertilizer", "shipping insurance", "payment systems") and of a truce taking
/// effect: a sentence with the first and none of the second is about the sanctions, not the Black Sea arrangement
/// (devset conventions), and the Black Sea's cue words ("maritime", "ports") do not count in it (round 11).
std::span<const std::string_view> tradeWords();
std::span<const std::string_view> truceWords();
/// Words of direction that locate a place by a bigger one ("Northwood, northwest London").
std::span<const std::string_view> directionWords();
/// Verbs of sending a force and the nouns of a force: the two within a few words of each other ("sending military
/// personnel to Ukraine", "troops should not be dispatched to Ukraine", "would commit ground forces") say that a
/// force is under discussion, whatever the verb's tense and the words between (round 14).
std::span<const std::string_view> deploymentVerbs();
std::span<const std::string_view> forceNouns();
/// Verbs of withdrawing a force ("no intention of withdrawing troops from Poland", "Russian troops could be withdrawn
/// from Ukraine's Donbas region"): with a force's noun, the posture of the US or the lines of a settlement (round 19).
std::span<const std::string_view> withdrawalVerbs();
/// Who attends a meeting ("the leaders of", "military representatives from"): what includes them is a meeting.
bool isAttendeeNoun(std::string_view foldedWord);
/// "a", "the", "its" …: before "force", the noun.
bool isDeterminer(std::string_view foldedWord);
/// An English month's name ("february"), folded.
bool isMonthName(std::string_view foldedWord);
/// A month's number (1 to 12) from its English or French name, full or abbreviated, in any case ("February", "feb",
/// "févr."); 0 for any other word.
int monthNumber(std::string_view word);
/// An English weekday's name ("monday"), folded.
bool isWeekday(std::string_view foldedWord);
/// Adjectives of nations that may contribute troops ("British", "Estonian"), not of Ukraine, Russia, the US or Europe,
/// and the nouns of several ("countries", "nations", "allies"): with a force sent they say who sends it (round 15).
std::span<const std::string_view> contributingNationWords();
/// Russia's voices other than its places ("the Kremlin", "Lavrov", "Peskov") and words of refusing a force ("would not
/// accept", "opposes", "legitimate targets"): together, a force sent is Russia's red line (round 15).
std::span<const std::string_view> russianVoices();
std::span<const std::string_view> rejectionWords();
/// The backstop's cues that are guarantees in general ("security guarantees", "Article 5") and the US's names and voices
/// ("U.S.", "Washington", "Rubio"): the first without the second are guarantees of no option (round 16).
std::span<const std::string_view> generalGuaranteeCues();
std::span<const std::string_view> usVoices();
/// Words of taking part ("contribute", "joining", "pledged"): in a sentence about the force, who takes part (round 16).
std::span<const std::string_view> takingPartWords();
/// A ceasefire as a time ("after a ceasefire", "post-ceasefire", "in the event of a possible truce"): the word before it,
/// the words that may stand between, and the buffer zone's cues that name the ceasefire (round 16).
bool isTimeOfCeasefireWord(std::string_view foldedWord);
bool isTimeOfCeasefireFiller(std::string_view foldedWord);
bool isTruceWord(std::string_view cuePhrase);
/// The contributors' cues of giving ("contribute", "contribution"): beside a sum of money they give money, not forces
/// (round 48).
bool isContributionCue(std::string_view cuePhrase);
/// A ceasefire sought rather than kept ("agree to a ceasefire", "negotiating a ceasefire", "ceasefire hopes"): the word
/// before it (or before "to"/"for"), the words between, the word after, and the conditions that make it the time of an
/// arrangement instead ("only if Moscow agrees to a ceasefire") (round 17).
bool isCeasefirePursuitWord(std::string_view foldedWord);
bool isCeasefirePursuitBeforeTo(std::string_view foldedWord);
bool isCeasefirePursuitBeforeFor(std::string_view foldedWord);
bool isCeasefireSoughtAfter(std::string_view foldedWord);
bool isCeasefireSoughtFiller(std::string_view foldedWord);
bool isConditionWord(std::string_view foldedWord);
/// The West's forces or proposals ("NATO involvement", "Western security proposals", "foreign troops"): refused by Russia,
/// they are its red line, relevant whatever cue the sentence lacks (round 16).
bool isWesternWord(std::string_view foldedWord);
bool isWesternPresenceNoun(std::string_view foldedWord);

}  // namespace briefmap::extract::rules
