//! Baselines: today's findings recorded, so that a content repository can adopt citecheck and
//! see only new problems.
//!
//! A finding is identified by its file (relative to the project root), its rule and a
//! [`fingerprint`] of the sentence (or citation) it points at, normalised so that edits
//! elsewhere in the file, re-wrapping and line moves do not change it. Line numbers are not
//! part of it. Identical findings are counted, so a baseline with one copy of a sentence still
//! reports a second copy added later. The CLI decides when to read and write baselines; the
//! same fingerprint identifies results in SARIF (`partialFingerprints`).

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The key that marks a file as a citecheck baseline (and as ours to overwrite).
pub const MARKER: &str = "citecheck-baseline";

/// The baseline format's version.
pub const VERSION: u32 = 1;

/// 16 hex digits identifying a rule's finding on a piece of text: FNV-1a (64-bit) over the
/// rule code and the text with whitespace runs collapsed and letters lower-cased. FNV is fixed
/// forever, unlike std's hasher, so baselines stay valid across Rust releases.
pub fn fingerprint(rule: &str, text: &str) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h = OFFSET;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(PRIME);
        }
    };
    eat(rule.as_bytes());
    eat(b"\0");
    let mut first = true;
    for word in text.split_whitespace() {
        if !first {
            eat(b" ");
        }
        first = false;
        for c in word.chars().flat_map(char::to_lowercase) {
            let mut buf = [0u8; 4];
            eat(c.encode_utf8(&mut buf).as_bytes());
        }
    }
    format!("{h:016x}")
}

/// One recorded finding (or several identical ones).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub fingerprint: String,
    pub count: usize,
    /// For people reading the file; not used for matching.
    #[serde(default)]
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(rename = "citecheck-baseline")]
    version: u32,
    #[serde(default)]
    note: String,
    findings: Vec<Entry>,
}

/// A loaded baseline: how many findings of each identity it still absorbs.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    /// path → (rule, fingerprint) → count.
    files: HashMap<String, HashMap<(String, String), usize>>,
}

impl Baseline {
    /// Parses a baseline file; the error says what was expected and what was found.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let file: File = serde_json::from_str(text).map_err(|e| {
            format!("expected a citecheck baseline (JSON written by --write-baseline), found: {e}")
        })?;
        if file.version != VERSION {
            return Err(format!(
                "expected baseline version {VERSION}, found version {}",
                file.version
            ));
        }
        let mut files: HashMap<String, HashMap<(String, String), usize>> = HashMap::new();
        for e in file.findings {
            *files
                .entry(e.path)
                .or_default()
                .entry((e.rule, e.fingerprint))
                .or_insert(0) += e.count;
        }
        Ok(Baseline { files })
    }

    /// The part of the baseline for one file, to spend as its findings are matched.
    pub fn for_path(&self, path: &str) -> FileBudget {
        FileBudget {
            left: self.files.get(path).cloned().unwrap_or_default(),
        }
    }
}

/// What is left of a file's baseline.
#[derive(Debug, Default)]
pub struct FileBudget {
    left: HashMap<(String, String), usize>,
}

impl FileBudget {
    /// Whether the baseline absorbs this finding (and, if so, spends one).
    pub fn absorb(&mut self, rule: &str, fingerprint: &str) -> bool {
        match self
            .left
            .get_mut(&(rule.to_string(), fingerprint.to_string()))
        {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        }
    }
}

/// Serialises findings (one `Entry` each, in output order) as a baseline file, merging
/// identical ones into counts. Output is sorted, so it diffs well.
pub fn render(entries: Vec<Entry>) -> String {
    let mut merged: Vec<Entry> = Vec::new();
    let mut index: HashMap<(String, String, String), usize> = HashMap::new();
    for e in entries {
        let key = (e.path.clone(), e.rule.clone(), e.fingerprint.clone());
        match index.get(&key) {
            Some(&i) => {
                if let Some(m) = merged.get_mut(i) {
                    m.count += e.count;
                }
            }
            None => {
                index.insert(key, merged.len());
                merged.push(e);
            }
        }
    }
    merged.sort_by(|a, b| {
        (&a.path, &a.rule, &a.fingerprint).cmp(&(&b.path, &b.rule, &b.fingerprint))
    });
    let file = File {
        version: VERSION,
        note: "written by `citecheck check --write-baseline`; `--baseline` hides these findings"
            .to_string(),
        findings: merged,
    };
    let mut s = serde_json::to_string_pretty(&file).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str, fp: &str) -> Entry {
        Entry {
            path: path.into(),
            rule: "unattributed-claim".into(),
            fingerprint: fp.into(),
            count: 1,
            message: "m".into(),
        }
    }

    #[test]
    fn fingerprint_ignores_spacing_and_case_not_words() {
        let a = fingerprint("r", "Sales rose 20%\n  last year.");
        assert_eq!(a, fingerprint("r", "sales rose 20% last year."));
        assert_ne!(a, fingerprint("r", "Sales rose 21% last year."));
        assert_ne!(a, fingerprint("s", "Sales rose 20% last year."));
        assert_eq!(a.len(), 16);
        // Fixed forever: a baseline written today must match tomorrow.
        assert_eq!(fingerprint("", ""), "af63bd4c8601b7df");
    }

    #[test]
    fn round_trip_counts_duplicates() {
        let text = render(vec![
            entry("b.md", "1"),
            entry("a.md", "2"),
            entry("a.md", "2"),
        ]);
        assert!(text.contains(MARKER));
        let b = Baseline::parse(&text).expect("parses");
        let mut a = b.for_path("a.md");
        assert!(a.absorb("unattributed-claim", "2"));
        assert!(a.absorb("unattributed-claim", "2"));
        assert!(
            !a.absorb("unattributed-claim", "2"),
            "only two were recorded"
        );
        assert!(!a.absorb("unattributed-claim", "1"), "that one is b.md's");
        assert!(b.for_path("b.md").absorb("unattributed-claim", "1"));
    }

    #[test]
    fn broken_file_says_what_was_expected() {
        let e = Baseline::parse("{\"x\": 1}").expect_err("not a baseline");
        assert!(e.starts_with("expected a citecheck baseline"), "{e}");
        let e =
            Baseline::parse("{\"citecheck-baseline\": 9, \"findings\": []}").expect_err("version");
        assert!(e.contains("found version 9"), "{e}");
    }
}
