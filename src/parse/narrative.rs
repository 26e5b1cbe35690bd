//! Narrative citations: `Smith (2020) found`, `Smith et al. (2020)`, `Smith’s (2006)`,
//! `Miller (1953, as cited in Agrios, 2005)`, `According to Reuters (July 2025)`.
//!
//! The parenthetical must parse as a `narrative_fragment` (dates, optionally locators, a
//! secondary or personal-communication form), and the words right before it must end in a
//! source name: the `narrative_anchor`. The anchor is found by walking back over at most
//! [`MAX_WORDS`] words of the same block and stopping at a lowercase word, sentence punctuation
//! or a capitalised function word ("According", "However", "The"), then checked with the
//! `author_list` rule. A bare date after a common noun ("the pandemic year (2020)") or a life
//! span ("Wundt (1832–1920)", never a date) is not a citation.

use super::citation::{ItemAst, date_only_cont, personal_comm, secondary_item};
use super::date::misspelled_date;
use super::lex::{R, is_space, ows};
use super::source_name::{abbrev, author_list};

use nom::Parser;
use nom::branch::alt;
use nom::combinator::eof;

/// How many words before the `(` a narrative anchor may span.
pub const MAX_WORDS: usize = 10;
/// How many bytes before the `(` are looked at.
const LOOK_BACK: usize = 160;

/// Capitalised words that start a sentence or clause but are not names.
const STOP_WORDS: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "By",
    "For",
    "From",
    "To",
    "As",
    "According",
    "After",
    "Before",
    "During",
    "While",
    "When",
    "Whereas",
    "Although",
    "Though",
    "However",
    "Thus",
    "Also",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "This",
    "That",
    "These",
    "Those",
    "Both",
    "Then",
    "Later",
    "Since",
    "Following",
    "Unlike",
    "Like",
    "With",
    "Without",
    "Per",
    "Via",
    "Using",
    "Indeed",
    "Moreover",
    "Furthermore",
    "Similarly",
    "Likewise",
    "Here",
    "There",
    "It",
    "Its",
    "We",
    "Our",
    "He",
    "She",
    "They",
    "His",
    "Her",
    "Their",
    "If",
    "Because",
    "One",
    "Some",
    "Many",
    "Most",
    "Several",
    "Other",
    "Another",
    "Even",
    "Still",
    "Only",
    "Now",
    "Today",
    "Such",
    "What",
    "Which",
    "Who",
    "Where",
    "Why",
    "How",
    "Each",
    "Every",
    "All",
    "No",
    "Not",
    "Instead",
    "Overall",
    "Finally",
    "Recently",
    "Previously",
    "Earlier",
    "See",
    "Figure",
    "Table",
    "Born",
    "Died",
    "Until",
    "Between",
    "Around",
    "About",
];

/// Nouns that end an organisation's name, which a list of authors' names does not hold before
/// a comma (see [`find_anchor`]).
const ORGANISATIONS: &[&str] = &[
    "Organization",
    "Organisation",
    "Institute",
    "University",
    "Bureau",
    "Office",
    "Agency",
    "Department",
    "Ministry",
    "Foundation",
    "Association",
    "Center",
    "Centre",
    "Council",
    "Commission",
    "Corporation",
    "Company",
    "Bank",
    "Board",
    "Fund",
    "Committee",
    "Administration",
    "Society",
];

const JOINERS: &[&str] = &[
    "and", "&", "of", "for", "v.", "vs.", "de", "van", "von", "der", "den", "la", "le", "du", "da",
    "di", "del", "y", "the",
];

/// What a narrative parenthetical holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fragment<'a> {
    pub items: Vec<ItemAst<'a>>,
    /// "as cited in X" alone: it names its own source and needs no anchor.
    pub self_identifying: bool,
}

/// The longest span a range of years alone may cover in a narrative citation followed by a
/// reporting verb: a work published over a few years. Longer, it is a term of office or a
/// period ("Obama (2009–2017) argued").
const NARRATIVE_RANGE_YEARS: i16 = 3;

/// Whether `d` is a range of years longer than a work's ([`NARRATIVE_RANGE_YEARS`]): a term of
/// office, a life or a period. A backwards range ("2021–2016") is not, so that it stays a date
/// for invalid-citation-date to report.
pub(super) fn is_long_range(d: &super::date::DateAst<'_>) -> bool {
    d.format == crate::parse::DateFormat::YearRange
        && d.date
            .year
            .zip(d.date.first_year)
            .is_some_and(|(last, first)| last - first > NARRATIVE_RANGE_YEARS)
}

/// grammar: narrative_fragment
///
/// `verb_follows`: a reporting verb comes right after the closing parenthesis
/// ([`starts_with_reporting_verb`]). Only then is a range of years alone a work's date
/// ("Okafor (2019–2020) found"): a term of office or a life rarely has one.
pub(crate) fn narrative_fragment(i: &str, verb_follows: bool) -> R<'_, Fragment<'_>> {
    let (rest, (_, item, _, _)) = (
        ows,
        alt((
            secondary_item,
            personal_comm,
            abbrev_fragment,
            date_only_cont,
            misspelled_date.map(|d| ItemAst {
                dates: vec![d],
                ..ItemAst::default()
            }),
        )),
        ows,
        eof,
    )
        .parse(i)?;
    // "Volcker (1979–1987)" is a term of office and "Wundt (1832–1920)" a life: a range of
    // years alone after a name is not the date of a work (with a page it is). A reporting verb
    // after it makes a short one a work's ("Okafor (2019–2020) found") but not a long one:
    // "Obama (2009–2017) argued" is a term of office too.
    let ranges_only = item.cited_in.is_none()
        && item.locator.is_none()
        && !item.dates.is_empty()
        && item
            .dates
            .iter()
            .all(|d| d.format == crate::parse::DateFormat::YearRange);
    if ranges_only && (!verb_follows || item.dates.iter().all(is_long_range)) {
        return super::lex::fail(i);
    }
    let self_identifying = item.name.is_none() && item.dates.is_empty() && item.cited_in.is_some();
    Ok((
        rest,
        Fragment {
            items: vec![item],
            self_identifying,
        },
    ))
}

/// grammar: abbrev_fragment
pub(crate) fn abbrev_fragment(i: &str) -> R<'_, ItemAst<'_>> {
    let (rest, (name, _, mut item)) = (abbrev, super::lex::comma_sep, date_only_cont).parse(i)?;
    item.name = Some(name);
    Ok((rest, item))
}

/// grammar: narrative_anchor
pub(crate) fn narrative_anchor(i: &str) -> R<'_, &str> {
    let (rest, name) = author_list(i)?;
    let (rest, _) = alt((
        nom::bytes::complete::tag("’s"),
        nom::bytes::complete::tag("'s"),
        nom::bytes::complete::tag("’"),
        nom::bytes::complete::tag("'"),
        nom::bytes::complete::tag(""),
    ))
    .parse(rest)?;
    Ok((rest, name))
}

/// The source name ending right before `open` (a byte offset of `(` in `prose`), looking no
/// further back than `floor`; `verb_follows` as for [`narrative_fragment`]. Returns the name's
/// byte range in `prose`.
pub(crate) fn find_anchor(
    prose: &str,
    floor: usize,
    open: usize,
    self_identifying: bool,
    verb_follows: bool,
) -> Option<(usize, usize)> {
    let mut from = open.saturating_sub(LOOK_BACK).max(floor);
    while from < open && !prose.is_char_boundary(from) {
        from += 1;
    }
    let before = prose.get(from..open)?;
    let trimmed = before.trim_end_matches(is_space);
    // Words with their start offsets, last first.
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut end = trimmed.len();
    while end > 0 && words.len() <= MAX_WORDS {
        let head = &trimmed[..end];
        let start = head.rfind(is_space).map_or(0, |p| {
            p + head[p..].chars().next().map_or(1, char::len_utf8)
        });
        words.push((start, &trimmed[start..end]));
        end = trimmed[..start].trim_end_matches(is_space).len();
        if start == 0 && from > floor {
            // The first word may be cut by the look-back window: drop it.
            words.pop();
            break;
        }
    }
    let (last_start, last) = *words.first()?;
    let bare_last = strip_possessive(last);
    let mut taken = 0usize;
    if is_name_token(bare_last) || bare_last == "al." || bare_last == "al" {
        taken = 1;
    } else if is_bracket_abbrev(last) && words.get(1).is_some_and(|(_, w)| is_name_token(w)) {
        // "The Institute for Learning Research [ILR] (2016)".
        taken = 2;
    } else if self_identifying
        && last.chars().all(|c| c.is_lowercase())
        && words
            .get(1)
            .is_some_and(|(_, w)| strip_possessive(w) != *w && is_name_token(strip_possessive(w)))
    {
        // "Allport’s diary (as cited in Nicholson, 2003)".
        taken = 2;
    }
    if taken == 0 {
        return None;
    }
    while let Some((_, w)) = words.get(taken) {
        let core = w.trim_end_matches(',');
        let prev = words.get(taken - 1).map_or("", |(_, p)| *p);
        let ok = if *w == "et" {
            prev.starts_with("al")
        } else if JOINERS.contains(w) {
            true
        } else if w.ends_with(',') {
            // "Zheng, Lee and Bloomer": a comma only inside a list of names. An organisation
            // before the comma ends a clause, not a name of the list: "surveyed by the Gallup
            // Organization, Kahneman and Deaton (2010)".
            is_name_token(core) && !STOP_WORDS.contains(&core) && !ORGANISATIONS.contains(&core)
        } else {
            is_name_token(core) && !STOP_WORDS.contains(&core) && !ends_sentence(core)
        };
        if !ok {
            break;
        }
        taken += 1;
    }
    // Drop leading joiners and commas-only words.
    while taken > 0 {
        let (_, w) = words[taken - 1];
        if JOINERS.contains(&w) || w == "et" {
            taken -= 1;
        } else {
            break;
        }
    }
    let anchor_end = from + last_start + strip_possessive(last).len();
    // Shrink from the left until the words parse as a name.
    while taken > 0 {
        let (s, _) = words[taken - 1];
        let name_start = from + s;
        let text = prose.get(name_start..anchor_end)?;
        if is_reference_entry(text) {
            return None;
        }
        if let Ok(("", _)) = narrative_anchor(text) {
            let first = text.split(is_space).next().unwrap_or("");
            let before = |k: usize| words.get(taken + k).map_or("", |(_, w)| *w);
            let cited = strip_possessive(last) != last || verb_follows;
            if is_place(text, [before(0), before(1), before(2)], cited) {
                return None;
            }
            if !STOP_WORDS.contains(&first.trim_end_matches(',')) {
                return Some((name_start, anchor_end));
            }
        }
        taken -= 1;
    }
    // "Allport’s diary": the possessive name and its noun.
    if self_identifying && words.len() >= 2 {
        let (s, w) = words[1];
        if strip_possessive(w) != w && is_name_token(strip_possessive(w)) {
            return Some((from + s, from + last_start + last.len()));
        }
    }
    None
}

/// Whether `name`, preceded by the words `before` (nearest first), names a place: a country or
/// region ([`PLACES`]); a region after "the" ("in the Gulf (1984)"); a city or a country that is
/// also a surname after a preposition of place ("above that in France (2001)", "around Gdańsk
/// (2010)"), unless the words around it cite: `cited` (a possessive, "Israel’s (1998)", or a
/// reporting verb after the parenthesis, "in Israel (1998) showed") or a word that introduces a
/// work before the preposition ("as argued in Jordan (2019)", "as in France (2001)").
fn is_place(name: &str, before: [&str; 3], cited: bool) -> bool {
    if PLACES.contains(&name) || (before[0] == "the" && REGIONS.contains(&name)) {
        return true;
    }
    if cited || !PLACES_AFTER_PREPOSITION.contains(&name) {
        return false;
    }
    let is_preposition = |w: &str| PLACE_PREPOSITIONS.contains(&w.to_lowercase().as_str());
    let introduces = |w: &str| INTRODUCING.contains(&w.to_lowercase().as_str());
    match before {
        [p, w, _] if is_preposition(p) => !introduces(w),
        ["the", p, w] if is_preposition(p) => !introduces(w),
        _ => false,
    }
}

/// Words before "in" that make what follows a work, not a place: "as described in Jordan
/// (2019)", "see in France (2001)".
const INTRODUCING: &[&str] = &[
    "as",
    "see",
    "cf.",
    "described",
    "argued",
    "reported",
    "shown",
    "noted",
    "discussed",
    "cited",
    "reviewed",
    "proposed",
    "suggested",
    "found",
    "outlined",
    "documented",
    "presented",
    "stated",
    "explained",
    "defined",
    "published",
    "quoted",
    "mentioned",
    "summarised",
    "summarized",
];

/// Verbs with which a narrative citation introduces what the work says. Not the forms that are
/// also plural nouns ("shows", "reports", "notes", "estimates", "documents"): "The Nixon
/// (1969–1974) documents were released" cites nobody.
const REPORTING_VERBS: &[&str] = &[
    "found",
    "finds",
    "argued",
    "argues",
    "showed",
    "reported",
    "noted",
    "suggested",
    "suggests",
    "concluded",
    "concludes",
    "observed",
    "observes",
    "demonstrated",
    "demonstrates",
    "estimated",
    "proposed",
    "proposes",
    "examined",
    "examines",
    "described",
    "describes",
    "documented",
];

/// Whether `after` (the text after a parenthesis) opens with a verb that introduces what a
/// work says: "found", "argued", "showed".
pub(crate) fn starts_with_reporting_verb(after: &str) -> bool {
    let verb = after
        .trim_start_matches(is_space)
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    REPORTING_VERBS.contains(&verb)
}

/// Whether `name` is on one of the place lists, whatever comes before it: for the sources of
/// short forms such as `(London, June 5)`.
pub(crate) fn is_place_name(name: &str) -> bool {
    PLACES.contains(&name)
        || PLACES_AFTER_PREPOSITION.contains(&name)
        || REGIONS.contains(&name)
        || CITIES_THAT_ARE_SURNAMES.contains(&name)
}

/// Large cities whose names are also surnames: never read as places before a year ("as argued
/// in Berlin (1958)" cites Isaiah Berlin), but no source of a day and month either.
const CITIES_THAT_ARE_SURNAMES: &[&str] = &[
    "Berlin",
    "Geneva",
    "Houston",
    "Lima",
    "London",
    "Lyon",
    "Milan",
    "Paris",
    "Rome",
    "Santiago",
    "Vienna",
    "Washington",
];

/// Prepositions after which a place name dates an aside. Not "from" or "to": "data from
/// Jordan (2019)" and "contrary to Israel (1998)" cite.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "around",
    "near",
    "across",
    "throughout",
    "within",
    "outside",
    "inside",
];

/// Regions named with "the".
const REGIONS: &[&str] = &[
    "Gulf",
    "Balkans",
    "Baltics",
    "Caribbean",
    "Caucasus",
    "Sahel",
    "Levant",
    "Maghreb",
    "Mediterranean",
    "Midwest",
    "Americas",
    "Andes",
    "Alps",
    "Himalayas",
    "Arctic",
    "Antarctic",
];

/// Countries that are also surnames, and large cities whose names are rarely anyone's: places
/// only after a preposition of place. Cities that are also surnames are in
/// [`CITIES_THAT_ARE_SURNAMES`] instead.
const PLACES_AFTER_PREPOSITION: &[&str] = &[
    // Countries left out of PLACES.
    "France",
    "Georgia",
    "Jordan",
    "Israel",
    "Ireland",
    "Chad",
    // Cities.
    "Abuja",
    "Accra",
    "Addis Ababa",
    "Amsterdam",
    "Ankara",
    "Athens",
    "Auckland",
    "Baghdad",
    "Bangkok",
    "Barcelona",
    "Beijing",
    "Beirut",
    "Belgrade",
    "Bengaluru",
    "Bogotá",
    "Brussels",
    "Bucharest",
    "Budapest",
    "Buenos Aires",
    "Cairo",
    "Cape Town",
    "Caracas",
    "Casablanca",
    "Chennai",
    "Chicago",
    "Chongqing",
    "Copenhagen",
    "Dakar",
    "Delhi",
    "Dhaka",
    "Doha",
    "Dubai",
    "Dublin",
    "Frankfurt",
    "Gdańsk",
    "Guangzhou",
    "Hamburg",
    "Hanoi",
    "Havana",
    "Helsinki",
    "Istanbul",
    "Jakarta",
    "Johannesburg",
    "Kabul",
    "Karachi",
    "Kinshasa",
    "Kolkata",
    "Kraków",
    "Kyiv",
    "Lagos",
    "Lahore",
    "Lisbon",
    "Los Angeles",
    "Luanda",
    "Madrid",
    "Manila",
    "Marseille",
    "Melbourne",
    "Mexico City",
    "Montreal",
    "Moscow",
    "Mumbai",
    "Munich",
    "Nairobi",
    "New Delhi",
    "New York",
    "Osaka",
    "Oslo",
    "Prague",
    "Pune",
    "Riyadh",
    "Rotterdam",
    "San Francisco",
    "São Paulo",
    "Seoul",
    "Shanghai",
    "Shenzhen",
    "Stockholm",
    "Tashkent",
    "Tehran",
    "Tokyo",
    "Toronto",
    "Turin",
    "Warsaw",
    "Wuhan",
    "Zagreb",
    "Zürich",
];

/// Countries and regions: "imports from Ghana (1985)" dates an aside, it cites nobody. Names that
/// are also common surnames (Jordan, Israel, France, Ireland, Chad, Georgia) are left out, so
/// "Israel (1998)" stays a narrative citation.
const PLACES: &[&str] = &[
    "Afghanistan",
    "Albania",
    "Algeria",
    "Andorra",
    "Angola",
    "Argentina",
    "Armenia",
    "Australia",
    "Austria",
    "Azerbaijan",
    "Bahamas",
    "Bahrain",
    "Bangladesh",
    "Barbados",
    "Belarus",
    "Belgium",
    "Belize",
    "Benin",
    "Bhutan",
    "Bolivia",
    "Botswana",
    "Brazil",
    "Brunei",
    "Bulgaria",
    "Burkina Faso",
    "Burundi",
    "Cabo Verde",
    "Cambodia",
    "Cameroon",
    "Canada",
    "Cape Verde",
    "Central African Republic",
    "Central Asia",
    "Chile",
    "China",
    "Colombia",
    "Comoros",
    "Congo",
    "Costa Rica",
    "Croatia",
    "Cuba",
    "Cyprus",
    "Czechia",
    "Côte d'Ivoire",
    "Côte d’Ivoire",
    "Denmark",
    "Djibouti",
    "Dominica",
    "Dominican Republic",
    "East Africa",
    "East Timor",
    "Ecuador",
    "Egypt",
    "El Salvador",
    "Equatorial Guinea",
    "Eritrea",
    "Estonia",
    "Eswatini",
    "Ethiopia",
    "European Union",
    "Fiji",
    "Finland",
    "Gabon",
    "Gambia",
    "Germany",
    "Ghana",
    "Greece",
    "Grenada",
    "Guatemala",
    "Guinea",
    "Guyana",
    "Haiti",
    "Honduras",
    "Hong Kong",
    "Hungary",
    "Iceland",
    "India",
    "Indonesia",
    "Iran",
    "Iraq",
    "Italy",
    "Ivory Coast",
    "Jamaica",
    "Japan",
    "Kazakhstan",
    "Kenya",
    "Kiribati",
    "Kosovo",
    "Kuwait",
    "Kyrgyzstan",
    "Laos",
    "Latin America",
    "Latvia",
    "Lebanon",
    "Lesotho",
    "Liberia",
    "Libya",
    "Liechtenstein",
    "Lithuania",
    "Luxembourg",
    "Madagascar",
    "Malawi",
    "Malaysia",
    "Maldives",
    "Mali",
    "Malta",
    "Mauritania",
    "Mauritius",
    "Mexico",
    "Micronesia",
    "Middle East",
    "Moldova",
    "Monaco",
    "Mongolia",
    "Montenegro",
    "Morocco",
    "Mozambique",
    "Myanmar",
    "Namibia",
    "Nauru",
    "Nepal",
    "Netherlands",
    "New Zealand",
    "Nicaragua",
    "Niger",
    "Nigeria",
    "North Africa",
    "North Korea",
    "North Macedonia",
    "Norway",
    "Oman",
    "Pakistan",
    "Palau",
    "Palestine",
    "Panama",
    "Papua New Guinea",
    "Paraguay",
    "Peru",
    "Philippines",
    "Poland",
    "Portugal",
    "Qatar",
    "Romania",
    "Russia",
    "Rwanda",
    "Samoa",
    "Saudi Arabia",
    "Senegal",
    "Serbia",
    "Seychelles",
    "Sierra Leone",
    "Singapore",
    "Slovakia",
    "Slovenia",
    "Solomon Islands",
    "Somalia",
    "South Africa",
    "South Korea",
    "South Sudan",
    "Southeast Asia",
    "Spain",
    "Sri Lanka",
    "Sub-Saharan Africa",
    "Sudan",
    "Suriname",
    "Sweden",
    "Switzerland",
    "Syria",
    "Taiwan",
    "Tajikistan",
    "Tanzania",
    "Thailand",
    "Timor-Leste",
    "Togo",
    "Tonga",
    "Trinidad and Tobago",
    "Tunisia",
    "Turkey",
    "Turkmenistan",
    "Tuvalu",
    "Türkiye",
    "Uganda",
    "Ukraine",
    "United Arab Emirates",
    "United Kingdom",
    "United States",
    "Uruguay",
    "Uzbekistan",
    "Vanuatu",
    "Venezuela",
    "Vietnam",
    "West Africa",
    "Yemen",
    "Zambia",
    "Zimbabwe",
];

/// "Danziger, K." or "Flynn, J., Shaughnessy, M. F.": an inverted name with initials starts a
/// reference-list entry ("Danziger, K. (1980). …"), never a narrative citation.
fn is_reference_entry(anchor: &str) -> bool {
    let words: Vec<&str> = anchor.split(is_space).filter(|w| !w.is_empty()).collect();
    words.windows(2).any(|w| {
        w[0].ends_with(',') && {
            let core = w[1].trim_end_matches(',');
            core.len() >= 2
                && core.ends_with('.')
                && core.chars().next().is_some_and(char::is_uppercase)
                && core.chars().filter(|c| c.is_alphabetic()).count() <= 2
        }
    })
}

fn is_bracket_abbrev(w: &str) -> bool {
    w.strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .is_some_and(|a| a.len() >= 2 && a.chars().all(|c| c.is_uppercase() || c == '&'))
}

fn strip_possessive(w: &str) -> &str {
    for suf in ["’s", "'s", "’", "'"] {
        if let Some(core) = w.strip_suffix(suf)
            && !core.is_empty()
        {
            return core;
        }
    }
    w
}

fn ends_sentence(w: &str) -> bool {
    // "al.", initials ("A.") and dotted acronyms ("U.S.") do not end a sentence here.
    if let Some(core) = w.strip_suffix('.') {
        let initial = core.chars().count() == 1;
        let dotted = core.contains('.');
        return !(initial || dotted);
    }
    w.ends_with([':', ';', '!', '?', '"', '”', ')'])
}

fn is_name_token(w: &str) -> bool {
    if w.is_empty() || STOP_WORDS.contains(&w) || is_sentence_adverb(w) {
        return false;
    }
    if super::date::date(w).is_ok() || crate::dates::month_from_name(w).is_some() {
        return false;
    }
    matches!(super::source_name::name_word(w), Ok(("", _)) | Ok((".", _)))
}

/// A capitalised sentence adverb ("Interestingly, Soussignan (2002)", "Importantly, …",
/// "Ultimately, …"), which opens a sentence and names nobody: seven letters or more ending in a
/// suffix that surnames in -ly do not ("Kelly", "Daly", "Connolly", "McNally", "Mullally",
/// "Donnally"), and "-tely" in eight or more ("Whately" is a name).
fn is_sentence_adverb(w: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ingly", "ically", "ually", "tially", "onally", "inally", "ntly", "ably", "ibly", "edly",
        "ously", "ively", "arly", "ctly", "ssly", "fully",
    ];
    let long = w.chars().count();
    long >= 7
        && w.starts_with(char::is_uppercase)
        && (ENDINGS.iter().any(|e| w.ends_with(e)) || (long >= 8 && w.ends_with("tely")))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_adverb_is_no_name() {
        assert_eq!(
            anchor("Interestingly, Soussignan (2002)"),
            Some("Soussignan")
        );
        assert_eq!(
            anchor("Importantly, Vik and Ruiz (2019)"),
            Some("Vik and Ruiz")
        );
        assert_eq!(
            anchor("Kelly, Lee and Bloomer (2010)"),
            Some("Kelly, Lee and Bloomer")
        );
        assert_eq!(anchor("Connolly (2010)"), Some("Connolly"));
        assert_eq!(anchor("Whately (1826)"), Some("Whately"));
        assert_eq!(anchor("McNally (2010)"), Some("McNally"));
        assert_eq!(anchor("Mullally (2010)"), Some("Mullally"));
        assert_eq!(anchor("Ultimately, Okafor (2012)"), Some("Okafor"));
        assert_eq!(anchor("Additionally, Okafor (2012)"), Some("Okafor"));
        assert_eq!(anchor("Specifically, Okafor (2012)"), Some("Okafor"));
    }

    fn anchor(s: &str) -> Option<&str> {
        let open = s.rfind('(')?;
        let frag = &s[open + 1..s.len() - 1];
        let self_id = narrative_fragment(frag, false).ok()?.1.self_identifying;
        find_anchor(s, 0, open, self_id, false).map(|(a, b)| &s[a..b])
    }

    #[test]
    fn anchors() {
        assert_eq!(anchor("Hollander (2020)"), Some("Hollander"));
        assert_eq!(
            anchor("The Institute for Learning Research [ILR] (2016)"),
            Some("Institute for Learning Research [ILR]")
        );
        assert_eq!(anchor("as Beshears et al. (2020)"), Some("Beshears et al."));
        assert_eq!(
            anchor("Beshears and Rand (2020)"),
            Some("Beshears and Rand")
        );
        assert_eq!(anchor("Smith’s (2006)"), Some("Smith"));
        assert_eq!(anchor("According to Reuters (July 2025)"), Some("Reuters"));
        assert_eq!(
            anchor("Many of the ideas. Drew Westen (1998)"),
            Some("Drew Westen")
        );
        assert_eq!(anchor("Indeed, Tolman (1938)"), Some("Tolman"));
        assert_eq!(
            anchor("Atkins v. Virginia (2002)"),
            Some("Atkins v. Virginia")
        );
        assert_eq!(
            anchor("Zheng, Lee and Bloomer (2016)"),
            Some("Zheng, Lee and Bloomer")
        );
        assert_eq!(
            anchor("surveyed by the Gallup Organization, Kahneman and Deaton (2010)"),
            Some("Kahneman and Deaton")
        );
        assert_eq!(
            anchor("a study by Pew Research Center (2014)"),
            Some("Pew Research Center")
        );
        assert_eq!(
            anchor("Allport’s diary (as cited in Nicholson, 2003)"),
            Some("Allport’s diary")
        );
    }

    #[test]
    fn no_anchor() {
        assert_eq!(anchor("in the pandemic year (2020)"), None);
        assert_eq!(anchor("it happened in July (2020)"), None);
        assert_eq!(anchor("The (2020)"), None);
        assert_eq!(anchor("Danziger, K. (1980)"), None);
        assert_eq!(
            anchor("Flynn, J., Shaughnessy, M. F., & Fulgham, S. W. (2012)"),
            None
        );
    }

    #[test]
    fn authors_named_like_places_still_cite() {
        assert_eq!(anchor("as argued in Berlin (1958)"), Some("Berlin"));
        assert_eq!(anchor("As described in London (2004)"), Some("London"));
        assert_eq!(anchor("This was argued in Jordan (2019)"), Some("Jordan"));
        assert_eq!(anchor("as in France (2001)"), Some("France"));
        let s = "Work in Israel (1998) showed";
        let open = s.find('(').unwrap();
        assert_eq!(
            find_anchor(s, 0, open, false, starts_with_reporting_verb(" showed"))
                .map(|(a, b)| &s[a..b]),
            Some("Israel")
        );
        assert_eq!(anchor("As argued in Jordan’s (2019)"), Some("Jordan"));
        // A sentence may open with the preposition.
        assert_eq!(anchor("Exports fell. In France (2001)"), None);
    }

    #[test]
    fn places_are_not_sources() {
        assert_eq!(anchor("imports from Ghana (1985)"), None);
        assert_eq!(anchor("above that in France (2001)"), None);
        assert_eq!(anchor("the smaller firms around Gdańsk (2010)"), None);
        assert_eq!(
            anchor("billions of dollars of investment in Istanbul (1985)"),
            None
        );
        assert_eq!(anchor("based in the Gulf (1984)"), None);
        assert_eq!(anchor("plants in New York (2003)"), None);
        // Names that are also places cite where no preposition of place comes first.
        assert_eq!(anchor("as France (2001)"), Some("France"));
        assert_eq!(anchor("data from Jordan (2019)"), Some("Jordan"));
        assert_eq!(anchor("reported by the Guardian (2020)"), Some("Guardian"));
        assert_eq!(anchor("London (1990)"), Some("London"));
    }

    #[test]
    fn fragments() {
        assert!(narrative_fragment("2020", false).is_ok());
        assert!(narrative_fragment("n.d., 2000, 2016, in press", false).is_ok());
        assert!(narrative_fragment("1953, as cited in Agrios, 2005", false).is_ok());
        assert!(narrative_fragment("2008, 3", false).is_ok());
        assert!(narrative_fragment("personal communication, January 21, 2020", false).is_ok());
        assert!(narrative_fragment("1832–1920", false).is_err());
        assert!(narrative_fragment("2019–2020", false).is_err());
        assert!(narrative_fragment("2019–2020", starts_with_reporting_verb(" found that")).is_ok());
        assert!(
            narrative_fragment("2019–2020", starts_with_reporting_verb(" raised rates")).is_err()
        );
        // Plural nouns that are also verbs do not count.
        assert!(
            narrative_fragment(
                "1969–1974",
                starts_with_reporting_verb(" documents were released")
            )
            .is_err()
        );
        assert!(
            narrative_fragment(
                "2024–2029",
                starts_with_reporting_verb(" estimates put growth at 3%")
            )
            .is_err()
        );
        // A life is no work's date, whatever follows.
        assert!(narrative_fragment("1832–1920", starts_with_reporting_verb(" argued")).is_err());
        assert!(narrative_fragment("551–479 BCE", false).is_err());
    }
}
