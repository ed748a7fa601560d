//! The `folio` binary end to end: exit codes, one-line errors, the summary
//! line, `--quiet`, `--strict` and `folio check`. Error messages are
//! snapshots (`tests/snapshots/cli__*.snap`).

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("folio-cli-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Runs `folio` and returns (exit code, stdout, stderr) with the fixture and
/// temp paths replaced by placeholders, so snapshots do not depend on the
/// machine.
fn folio(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_folio")).args(args).output().unwrap();
    let clean = |bytes: &[u8]| {
        String::from_utf8_lossy(bytes)
            .replace(&fixtures().display().to_string(), "[fixtures]")
            .replace(&std::env::temp_dir().display().to_string(), "[tmp]")
            .replace(&format!("folio-cli-test-{}-", std::process::id()), "")
    };
    (out.status.code().unwrap_or(-1), clean(&out.stdout), clean(&out.stderr))
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn build_prints_warnings_and_a_summary_and_writes_the_bundle() {
    let out = temp_dir("build");
    let input = fixtures().join("dates");
    let (code, stdout, stderr) = folio(&["build", path(&input), "-o", path(&out), "--bundle-only"]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("build-dates-stdout", stdout);
    insta::assert_snapshot!("build-dates-stderr", stderr);
    let bundle = std::fs::read(out.join("bundle.json")).unwrap();
    let loaded = folio_core::read_single_file(&bundle).unwrap();
    assert_eq!(loaded.posts.len(), 15);
    assert!(loaded.skipped.is_empty());
    let _ = std::fs::remove_dir_all(out);
}

#[test]
fn quiet_prints_nothing_and_strict_fails_without_writing() {
    let out = temp_dir("strict");
    let input = fixtures().join("dates");
    let (code, stdout, stderr) =
        folio(&["build", path(&input), "-o", path(&out), "--bundle-only", "--quiet"]);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "", ""));
    let _ = std::fs::remove_dir_all(&out);
    let (code, _, stderr) =
        folio(&["build", path(&input), "-o", path(&out), "--bundle-only", "--strict", "--quiet"]);
    assert_eq!(code, 3);
    insta::assert_snapshot!("strict", stderr);
    assert!(!out.join("bundle.json").exists());
    // A clean input passes --strict.
    let clean = fixtures().join("taxonomies");
    let (code, _, stderr) = folio(&["build", path(&clean), "-o", path(&out), "--bundle-only", "--strict"]);
    assert_eq!(code, 0, "{stderr}");
    let _ = std::fs::remove_dir_all(out);
}

#[test]
fn invalid_inputs_get_one_line_errors() {
    let out = temp_dir("errors");
    let file_as_out = fixtures().join("NOTICE.md");
    // `folio build <fixture> -o <out>` followed by `extra`, and by
    // `--bundle-only` unless `extra` names a viewer.
    let build = |fixture: &str, extra: &[&str]| -> Vec<String> {
        let mut args = vec!["build".to_owned(), path(&fixtures().join(fixture)).to_owned()];
        args.extend(["-o".to_owned(), path(&out).to_owned()]);
        args.extend(extra.iter().map(|s| s.to_string()));
        if !extra.contains(&"--viewer") {
            args.push("--bundle-only".to_owned());
        }
        args
    };
    let dates_dir = fixtures().join("dates");
    let viewer_dir = out.join("viewer");
    let cases: Vec<(&str, Vec<String>)> = vec![
        (
            "missing-input",
            vec![
                "build".into(),
                "no/such/site".into(),
                "-o".into(),
                path(&out).into(),
                "--bundle-only".into(),
            ],
        ),
        ("bad-config", build("bad-config", &[])),
        ("config-not-a-mapping", build("not-a-mapping-config", &[])),
        ("bad-timezone", build("bad-timezone", &[])),
        ("bad-timezone-flag", build("dates", &["--timezone", "Mars/Olympus"])),
        (
            "unwritable-output",
            vec![
                "build".into(),
                path(&fixtures().join("taxonomies")).into(),
                "-o".into(),
                path(&file_as_out).into(),
                "--bundle-only".into(),
            ],
        ),
        ("missing-config-flag", build("taxonomies", &["--config", "nope.yml"])),
        ("viewer-without-index", build("seed", &["--viewer", path(&dates_dir)])),
        ("viewer-is-output", build("seed", &["--viewer", path(&out)])),
        (
            "output-inside-viewer",
            vec![
                "build".into(),
                path(&fixtures().join("seed")).into(),
                "-o".into(),
                path(&viewer_dir.join("public")).into(),
                "--viewer".into(),
                path(&viewer_dir).into(),
            ],
        ),
        (
            "bad-public-url",
            build("seed", &["--viewer", path(&dates_dir), "--public-url", "javascript:alert(1)"]),
        ),
        ("check-not-json", vec!["check".into(), path(&fixtures().join("bundles/not-json.json")).into()]),
        ("check-version-2", vec!["check".into(), path(&fixtures().join("bundles/version-2.json")).into()]),
        ("check-missing", vec!["check".into(), "no-such-bundle.json".into()]),
    ];
    for (name, args) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, stdout, stderr) = folio(&args);
        assert_eq!(code, 1, "{name}: {stderr}");
        assert_eq!(stdout, "", "{name}");
        assert_eq!(stderr.lines().count(), 1, "{name}: one line, no backtrace: {stderr}");
        assert!(stderr.starts_with("error: "), "{name}: {stderr}");
        insta::assert_snapshot!(format!("error-{name}"), stderr);
    }
    assert!(!out.join("bundle.json").exists(), "a failed run writes no bundle");
    let _ = std::fs::remove_dir_all(out);
}

#[test]
fn a_binary_without_a_viewer_says_how_to_get_one_and_writes_nothing() {
    let out = temp_dir("no-viewer");
    let (code, stdout, stderr) = folio(&["build", path(&fixtures().join("seed")), "-o", path(&out)]);
    let (_, version, _) = folio(&["--version"]);
    match folio_cli::embedded_viewer_build() {
        None => {
            assert_eq!((code, stdout.as_str()), (1, ""), "{stderr}");
            insta::assert_snapshot!("error-no-viewer", stderr);
            assert!(!out.exists(), "nothing is written");
            assert!(version.contains("no viewer built in"), "{version}");
        }
        // Built by scripts/install.sh: the same command writes a whole site.
        Some(build) => {
            assert_eq!(code, 0, "{stderr}");
            assert!(out.join("index.html").is_file() && out.join("_headers").is_file());
            assert!(version.contains(build), "{version}");
        }
    }
    let _ = std::fs::remove_dir_all(out);
}

#[test]
fn usage_errors_exit_with_2() {
    let (code, _, stderr) = folio(&["build"]);
    assert_eq!(code, 2, "{stderr}");
    let (code, stdout, _) = folio(&["build", "--help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("--timezone <ZONE>") && stdout.contains("Examples:"), "{stdout}");
}

#[test]
fn check_reports_counts_and_skipped_posts() {
    let (code, stdout, stderr) = folio(&["check", path(&fixtures().join("bundles/bad-posts.json"))]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("check-bad-posts", stdout);
    let (code, _, stderr) = folio(&["check", "--strict", path(&fixtures().join("bundles/bad-posts.json"))]);
    assert_eq!(code, 3);
    insta::assert_snapshot!("check-bad-posts-strict", stderr);
}

#[test]
fn a_built_bundle_checks_clean() {
    let out = temp_dir("roundtrip");
    let (code, _, stderr) =
        folio(&["build", path(&fixtures().join("bodies")), "-o", path(&out), "--bundle-only", "--pretty"]);
    assert_eq!(code, 0, "{stderr}");
    let bundle = out.join("bundle.json");
    let (code, stdout, stderr) = folio(&["check", "--strict", path(&bundle)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("posts: 4 readable, 0 skipped"), "{stdout}");
    assert!(!stdout.contains("change when sanitised"), "a folio bundle is sanitised at build time: {stdout}");
    let _ = std::fs::remove_dir_all(out);
}
