//! A file checked a window of blocks at a time (`citecheck::check_in_parts`, windows as small
//! as they can be) reports what the whole check reports, byte for byte; and the Markdown model
//! parsed in the smallest pieces is the whole parse's.
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
    assert!(
        whole == windowed,
        "windows differ from the whole:\n{}\n---\n{}",
        String::from_utf8_lossy(&whole),
        String::from_utf8_lossy(&windowed)
    );
});
