//! The citation grammar alone on arbitrary text, as if it stood between one pair of
//! parentheses: no panic, and every piece it returns is a slice of its input (the parser
//! turns those pieces into file offsets by pointer difference).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|inner: &str| {
    if let Err(what) = citecheck::parse::grammar_items(inner) {
        panic!("{what} (input {inner:?})");
    }
});
