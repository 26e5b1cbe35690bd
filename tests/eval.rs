//! End-to-end evaluation: the built binary scored by `../shared/eval/score.py` against the
//! labelled seed article, with the figures the claim detector and pairing must reach.
//!
//! Skips (passing) when `../shared` or `python3` is absent, as in a clone without the shared
//! corpus. The real-document corpus is scored by hand (see CHANGELOG), not here: it takes
//! longer and its unattributed labels cover only part of each file.

mod common;

use std::process::Command;

fn python() -> Option<&'static str> {
    Command::new("python3")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| "python3")
}

#[test]
fn seed_article_scores() {
    let Some(shared) = common::shared_dir() else {
        eprintln!("skipping: ../shared is absent");
        return;
    };
    let Some(py) = python() else {
        eprintln!("skipping: python3 is not installed");
        return;
    };
    let score = shared.join("eval/score.py");
    let labels = shared.join("corpus/labels/seed.json");
    let texts = shared.join("seeds");
    if !score.is_file() || !labels.is_file() {
        eprintln!("skipping: ../shared has no eval/score.py or seed labels");
        return;
    }
    let tool = format!("{} check --format json", env!("CARGO_BIN_EXE_citecheck"));
    let out = Command::new(py)
        .arg(&score)
        .arg("--labels")
        .arg(&labels)
        .arg("--texts")
        .arg(&texts)
        .arg("--tool")
        .arg(&tool)
        .arg("-v")
        .args([
            "--min",
            "citation_f1=1.0",
            "--min",
            "pairing_accuracy=1.0",
            "--min",
            "unattributed_strict_recall=0.7",
            "--min",
            "unattributed_strict_precision=0.8",
        ])
        .output()
        .expect("score.py runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "score.py below the thresholds (exit {:?}):\n{stdout}\n{stderr}",
        out.status.code()
    );
}
