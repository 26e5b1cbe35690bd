//! Every fixture article under `tests/fixtures/` is checked and snapshotted: human output and
//! the JSON report, in one snapshot per fixture (`snapshots/fixtures@<path>.snap`).
//!
//! A fixture may have a sidecar `<name>.citecheck.toml` with the config to check it with. Every
//! fixture is checked as if today were 2026-11-30.

mod common;

use citecheck::config::Config;
use citecheck::report::{self, Report};
use citecheck::source::SourceFile;
use std::path::Path;

fn config_for(path: &Path) -> Config {
    let sidecar = path.with_extension("citecheck.toml");
    match std::fs::read_to_string(&sidecar) {
        Ok(text) => match toml::from_str(&text) {
            Ok(c) => c,
            Err(e) => panic!("{}: {e}", sidecar.display()),
        },
        Err(_) => Config::default(),
    }
}

fn render(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("fixture is readable");
    let rel = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let src = SourceFile::from_bytes(rel, bytes).expect("fixture is UTF-8 text");
    let mut config = config_for(path);
    // Rules that read the clock (an undated article's limit, stale-citation) read this instead,
    // so that the snapshots do not change with the day they are run.
    config.today_flag = Some(jiff::civil::date(2026, 11, 30));
    let rep = citecheck::check(&src, &config);
    let human = report::human::render_file(&rep, &src.text, report::human::Style::plain());
    let json = report::json::render(&Report::new(vec![rep]));
    format!("# human\n{human}\n# json\n{json}")
}

#[test]
fn fixtures() {
    common::settings().bind(|| {
        insta::glob!("fixtures/**/*.{md,txt}", |path| {
            insta::assert_snapshot!(render(path));
        });
    });
}
