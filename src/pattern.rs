//! A compiled pattern for the claim detector's batch searches: the `regex` crate's own engine
//! (`regex_automata::meta`), configured as `regex::Regex::new` configures it, plus the one
//! choice `regex` does not offer, whether to build a literal prefilter.
//!
//! The prefilter (a `memchr`/Teddy search for the literals a match must start with, and
//! `regex`'s "reverse inner" search around a literal inside the pattern) pays where those
//! literals are rare: a quotation mark, "according to", "mid-". It costs where they are
//! common: for `\b(?:[Ii]n|[Oo]n|[Bb]y|…)\s…` every "in" and "on" of the text starts a
//! search of the automaton, and reading corpus2k's paragraphs took 88 ms with it against
//! 32 ms without. For most claim patterns it changes nothing measurable, while building it is
//! more than half of compiling them (26.4 → 12.0 ms for the thirty-three batch patterns),
//! which every run pays at start-up. So each pattern says whether it gets one
//! ([`Prefilter`]). Matches are the same either way: a prefilter only skips text in which no
//! match can start. The unit tests hold both kinds to `regex::Regex` on every fixture line.
//!
//! What the patterns mean is left to their callers (`claims`); where a batch is searched, to
//! `gate`.

use regex_automata::meta;
use regex_automata::util::syntax;
use std::ops::Range;

/// Whether a [`Pattern`] is built with a literal prefilter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefilter {
    /// As `regex::Regex` builds it: for patterns whose matches start with rare literals.
    Literal,
    /// The automaton alone: for patterns whose literals are common words.
    Off,
}

/// A pattern compiled once, with its source text.
#[derive(Debug, Clone)]
pub struct Pattern {
    re: meta::Regex,
    source: String,
}

impl Pattern {
    /// Compiles `pattern` with the `regex` crate's default syntax and limits.
    pub fn new(pattern: &str, prefilter: Prefilter) -> Result<Pattern, Box<meta::BuildError>> {
        // The settings of `regex::RegexBuilder`'s defaults and of its `build` for `&str`
        // haystacks, so that a match is the one `regex::Regex` finds.
        let config = meta::Config::new()
            .nfa_size_limit(Some(10 * (1 << 20)))
            .hybrid_cache_capacity(2 * (1 << 20))
            .match_kind(regex_automata::MatchKind::LeftmostFirst)
            .utf8_empty(true)
            .auto_prefilter(prefilter == Prefilter::Literal);
        let re = meta::Builder::new()
            .configure(config)
            .syntax(syntax::Config::new().utf8(true))
            .build(pattern)
            .map_err(Box::new)?;
        Ok(Pattern {
            re,
            source: pattern.to_string(),
        })
    }

    /// The source text it was compiled from.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whether it matches anywhere in `haystack`.
    pub fn is_match(&self, haystack: &str) -> bool {
        self.re.is_match(haystack)
    }

    /// Its successive non-overlapping matches in `haystack`, as `regex::Regex::find_iter`
    /// gives them.
    pub fn find_iter<'a>(&'a self, haystack: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        self.re.find_iter(haystack).map(|m| m.range())
    }
}

impl Pattern {
    /// Its leftmost-first match in `haystack` with its groups, as `regex::Regex::captures`
    /// gives it.
    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        let mut caps = self.re.create_captures();
        self.re.captures(haystack, &mut caps);
        caps.is_match().then_some(Captures { caps, haystack })
    }
}

/// A match's groups (see [`Pattern::captures`]).
#[derive(Debug)]
pub struct Captures<'h> {
    caps: regex_automata::util::captures::Captures,
    haystack: &'h str,
}

impl<'h> Captures<'h> {
    /// Group `i` (0: the whole match), when it took part in the match.
    pub fn get(&self, i: usize) -> Option<Found<'h>> {
        let span = self.caps.get_group(i)?;
        Some(Found {
            haystack: self.haystack,
            range: span.range(),
        })
    }
}

/// Where a group matched, and its text (the parts of `regex::Match` that callers use).
#[derive(Debug, Clone)]
pub struct Found<'h> {
    haystack: &'h str,
    range: Range<usize>,
}

impl<'h> Found<'h> {
    pub fn start(&self) -> usize {
        self.range.start
    }

    pub fn end(&self) -> usize {
        self.range.end
    }

    /// The matched text (`""` if its ends were not on character boundaries, which a pattern
    /// compiled for `&str` never gives).
    pub fn as_str(&self) -> &'h str {
        self.haystack.get(self.range.clone()).unwrap_or("")
    }
}

/// What a batch search needs of a pattern: its matches, in order. Both `regex::Regex` (the
/// configuration's extra signals) and [`Pattern`] have them.
pub trait Search {
    /// [`Pattern::find_iter`].
    fn matches<'a>(&'a self, haystack: &'a str) -> impl Iterator<Item = Range<usize>> + 'a;
}

impl Search for Pattern {
    fn matches<'a>(&'a self, haystack: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        self.find_iter(haystack)
    }
}

impl Search for regex::Regex {
    fn matches<'a>(&'a self, haystack: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        self.find_iter(haystack).map(|m| m.range())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line of the fixtures, and `extra`.
    fn lines_and(extra: &[&str]) -> Vec<String> {
        let mut texts: Vec<String> = Vec::new();
        for text in crate::fixture_texts() {
            texts.extend(text.lines().map(String::from));
        }
        texts.extend(extra.iter().map(|t| t.to_string()));
        texts
    }

    /// Calls `check` with `regex::Regex` and each kind of [`Pattern`] built from each source.
    fn each_pair(sources: &[String], mut check: impl FnMut(&str, &regex::Regex, &Pattern)) {
        for source in sources {
            let plain = regex::Regex::new(source).unwrap_or_else(|e| panic!("{source}: {e}"));
            for prefilter in [Prefilter::Literal, Prefilter::Off] {
                let p = Pattern::new(source, prefilter).unwrap_or_else(|e| panic!("{source}: {e}"));
                assert_eq!(p.as_str(), source);
                check(&format!("{source} {prefilter:?}"), &plain, &p);
            }
        }
    }

    /// Both kinds of [`Pattern`] find what `regex::Regex` finds, on every line of the fixtures
    /// and on lines made to hold matches, for every claims pattern and a few with anchors,
    /// empty matches and Unicode classes.
    #[test]
    fn patterns_match_as_regex_does() {
        let mut sources: Vec<String> = crate::claims::GATE.sources.clone();
        sources.extend(
            [
                r"^\w+",
                r"\b",
                r"x*",
                r"(?i)straße|ǅ",
                r"\d+(?:[.,]\d+)*\s?%$",
                r#""[^"\n]{2,}""#,
            ]
            .map(String::from),
        );
        let texts = lines_and(&[
            "In March 2020 prices rose 20% (officials said), according to the \"report\".",
            "Straße STRASSE ǅemal ǆ 12,5 % ٣٤ 1.2.3",
            "",
            "x",
            "éé in on by since",
        ]);
        each_pair(&sources, |what, plain, p| {
            for t in &texts {
                let want: Vec<Range<usize>> = plain.matches(t).collect();
                let got: Vec<Range<usize>> = p.matches(t).collect();
                assert_eq!(got, want, "{what} on {t:?}");
                assert_eq!(p.is_match(t), plain.is_match(t), "{what} on {t:?}");
            }
        });
    }

    /// [`Pattern::captures`] gives `regex::Regex::captures`'s groups, with the speaker
    /// pattern that uses it and a few others, on every line of the fixtures.
    #[test]
    fn captures_are_regex_captures() {
        let sources = [
            r"(\w+) (\d+)?(x)?".to_string(),
            r"(?i)^(?:the\s+)?(expert|analyst)s?\b".to_string(),
            crate::claims::definite_speaker_source(),
        ];
        let texts = lines_and(&[
            "The ministry said on Monday, and its spokesman told reporters.",
            "abc 12",
            "",
        ]);
        each_pair(&sources, |what, plain, p| {
            for t in &texts {
                let want = plain.captures(t).map(|c| {
                    (0..c.len())
                        .map(|i| c.get(i).map(|m| (m.start(), m.end(), m.as_str())))
                        .collect::<Vec<_>>()
                });
                let got = p.captures(t).map(|c| {
                    (0..want.as_ref().map_or(0, Vec::len))
                        .map(|i| c.get(i).map(|m| (m.start(), m.end(), m.as_str())))
                        .collect::<Vec<_>>()
                });
                assert_eq!(got, want, "{what} on {t:?}");
            }
        });
    }

    #[test]
    fn a_broken_pattern_is_an_error() {
        assert!(Pattern::new("(unclosed", Prefilter::Off).is_err());
    }
}
