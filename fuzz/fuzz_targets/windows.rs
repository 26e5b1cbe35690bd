//! A file checked a window of blocks at a time (`citecheck::check_in_parts`, windows as small
//! as they can be) reports what the whole check reports, byte for byte; the Markdown model
//! parsed in the smallest pieces is the whole parse's; and the file's two halves checked
//! together (`citecheck::check_many`, their sentences in shared batches) report what each
//! half checked alone does.
#![no_main]

use citecheck::config::Config;
use citecheck::report::json;
use citecheck::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = SourceFile::from_bytes("fuzz.md", data.to_vec()) else {
        return;
    };
    assert_eq!(
        citecheck::document::markdown::model_in_pieces(&src.text, 1),
        citecheck::document::markdown::model_in_pieces(&src.text, usize::MAX),
        "Markdown pieces differ from the whole"
    );
    let config = Config::default();
    let whole = json::fragment(&citecheck::check(&src, &config));
    let mut spool = json::Spool::new(true);
    citecheck::check_in_parts(&src, &config, 1, &mut |part| spool.add(&part))
        .expect("an in-memory spool cannot fail");
    let mut windowed = Vec::new();
    spool.finish(&mut windowed).expect("writing into a Vec cannot fail");
    let cut = (0..=src.text.len() / 2)
        .rev()
        .find(|&i| src.text.is_char_boundary(i))
        .unwrap_or(0);
    let halves = [
        SourceFile::new("a.md", &src.text[..cut]),
        SourceFile::new("b.txt", &src.text[cut..]),
    ];
    let together = citecheck::check_many(&[(&halves[0], &config), (&halves[1], &config)]);
    for (half, report) in halves.iter().zip(&together) {
        assert!(
            json::fragment(&citecheck::check(half, &config)) == json::fragment(report),
            "checked together, {} differs from checked alone",
            half.path
        );
    }
    assert!(
        whole == windowed,
        "windows differ from the whole:\n{}\n---\n{}",
        String::from_utf8_lossy(&whole),
        String::from_utf8_lossy(&windowed)
    );
});
