//! Snapshots of rendered reports. Review changes with `cargo insta review`; never accept blindly.

use crate::clausediff;

fn run(args: &[&str]) -> String {
    let out = clausediff().args(args).output().expect("runs");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn joint_statement_terminal_redline() {
    insta::assert_snapshot!(run(&[
        "diff",
        "fixtures/joint-statement/draft.txt",
        "fixtures/joint-statement/final.txt",
        "--color",
        "never"
    ]));
}

#[test]
fn joint_statement_json_report() {
    let json: serde_json::Value = serde_json::from_str(&run(&[
        "diff",
        "fixtures/joint-statement/draft.txt",
        "fixtures/joint-statement/final.txt",
        "--format",
        "json",
    ]))
    .unwrap();
    insta::assert_json_snapshot!(json);
}

#[test]
fn focused_cases() {
    insta::glob!("../../fixtures", "cases/*/v1.*", |path| {
        let v2 = path.with_file_name(format!(
            "v2.{}",
            path.extension().and_then(|e| e.to_str()).unwrap_or("txt")
        ));
        let relative = |p: &std::path::Path| {
            p.strip_prefix(crate::root())
                .unwrap()
                .to_string_lossy()
                .into_owned()
        };
        let (old, new) = (relative(path), relative(&v2));
        let term = run(&["diff", &old, &new, "--color", "never"]);
        let json: serde_json::Value =
            serde_json::from_str(&run(&["diff", &old, &new, "--format", "json"])).unwrap();
        insta::assert_snapshot!("term", term);
        insta::assert_json_snapshot!("json", json);
    });
}
