//! The built binary's headless commands: output, `FILE:LINE:COL` problems and exit codes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use unicode_width::UnicodeWidthStr;

mod sample;

/// Run `roundtable` isolated from the user's own folders and settings.
fn roundtable(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_roundtable"))
        .args(args)
        .env_remove("ROUNDTABLE_SESSIONS_DIR")
        .env_remove("ROUNDTABLE_SETS_DIR")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Piped output is for scripts and files: every value whole, never cut with '…'.
fn assert_whole(text: &str, values: &[&str]) {
    assert!(!text.contains('…'), "cut although piped:\n{text}");
    for value in values {
        assert!(text.contains(value), "{value:?} missing:\n{text}");
    }
}

fn examples() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sessions")
        .display()
        .to_string()
}

#[test]
fn sets_lists_both_built_in_sets() {
    let home = tempfile::tempdir().unwrap();
    let out = roundtable(home.path(), &["sets"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("localising-decisions") && text.contains("subsidiarity-tests"),
        "{text}"
    );
    assert!(
        text.lines()
            .nth(1)
            .is_some_and(|l| l.contains(" 10 ") && l.contains("built-in")),
        "{text}"
    );
    assert_whole(
        &text,
        &["Localising decision-making: ten reflection questions"],
    );
}

#[test]
fn sets_shows_user_sets_replacements_and_problems() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("mine");
    fs::create_dir(&dir).unwrap();
    let set = include_str!("../assets/question-sets/subsidiarity-tests.ron");
    fs::write(dir.join("st.ron"), set).unwrap();
    fs::write(dir.join("broken.ron"), &set[..200]).unwrap();
    let out = roundtable(home.path(), &["--sets-dir", dir.to_str().unwrap(), "sets"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("(replaces built-in)"), "{text}");
    let broken = format!("{}:", dir.join("broken.ron").display());
    let line = text
        .lines()
        .find(|l| l.starts_with(&broken))
        .unwrap_or_else(|| panic!("{text}"));
    let rest = &line[broken.len()..];
    let parts: Vec<&str> = rest.splitn(3, ':').collect();
    assert!(
        parts[0].parse::<usize>().is_ok() && parts[1].parse::<usize>().is_ok(),
        "{line}"
    );
}

#[test]
fn list_shows_the_example_year() {
    let home = tempfile::tempdir().unwrap();
    let out = roundtable(home.path(), &["--sessions-dir", &examples(), "list"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(rows.len(), 4, "{text}");
    for (row, quarter) in rows.iter().zip(["Q1", "Q2", "Q3", "Q4"]) {
        assert!(row.contains(quarter) && row.contains("10/10"), "{row}");
    }
    let header: Vec<&str> = text.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(
        header,
        [
            "ID", "DATE", "TITLE", "GROUP", "LEVEL", "SET", "STATUS", "DONE", "MEAN"
        ]
    );
    assert!(
        rows[3].starts_with("de00b439  2026-10-13  Q4 roundtable"),
        "{text}"
    );
    assert_whole(
        &text,
        &["Northbridge Place Partnership  place  localising-decisions  complete"],
    );
    assert!(text.width() > 0);
    assert!(
        !Path::new(&examples()).join(".roundtable.lock").exists(),
        "listing a folder with nothing to recover leaves no lock file behind"
    );
}

#[test]
fn list_shows_good_sessions_and_a_line_per_problem_file() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("s");
    let store = roundtable::store::Store::open(&dir).unwrap();
    sample::save(&store, &sample::session("Spring ✿ Zoë", 1, 0));
    fs::write(
        dir.join("bad.ron"),
        "(\n    format_version: 1,\n    nonsense: 3,\n)",
    )
    .unwrap();
    let out = roundtable(
        home.path(),
        &["--sessions-dir", dir.to_str().unwrap(), "list"],
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("Spring ✿ Zoë"), "{text}");
    let expected = format!("{}:3:5: ", dir.join("bad.ron").display());
    assert!(text.lines().any(|l| l.starts_with(&expected)), "{text}");
}

#[test]
fn list_recovers_an_interrupted_save() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("s");
    let store = roundtable::store::Store::open(&dir).unwrap();
    let s = sample::session("Interrupted", 1, 0);
    let path = store.path_for(&s);
    fs::write(roundtable::store::temp_path_for(&path), s.to_ron().unwrap()).unwrap();
    let out = roundtable(
        home.path(),
        &["--sessions-dir", dir.to_str().unwrap(), "list"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("recovered"), "{}", stderr(&out));
    assert!(stdout(&out).contains("Interrupted"));
    assert!(path.exists());
}

#[test]
fn list_of_a_missing_named_folder_fails_without_creating_it() {
    let home = tempfile::tempdir().unwrap();
    let missing = home.path().join("typo");
    let out = roundtable(
        home.path(),
        &["--sessions-dir", missing.to_str().unwrap(), "list"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("does not exist"), "{}", stderr(&out));
    assert!(!missing.exists());
}

#[test]
fn check_passes_good_files() {
    let home = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let set = root.join("assets/question-sets/localising-decisions.ron");
    let session = root
        .join("sessions")
        .read_dir()
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let out = roundtable(
        home.path(),
        &["check", set.to_str().unwrap(), session.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(
        stdout(&out),
        format!("{}: ok\n{}: ok\n", set.display(), session.display())
    );
}

#[test]
fn check_separates_good_from_bad_files_whatever_the_bytes() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let good = sample::session("Good", 1, 0).to_ron().unwrap();
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("good.ron", good.clone().into_bytes()),
        (
            "unknown.ron",
            good.replacen("    group:", "    colour: 1,\n    group:", 1)
                .into_bytes(),
        ),
        ("binary.ron", (0u8..=255).rev().cycle().take(3000).collect()),
        (
            "newer.ron",
            good.replacen("format_version: 1", "format_version: 2", 1)
                .into_bytes(),
        ),
        ("deep.ron", "[".repeat(100_000).into_bytes()),
        ("set.ron", b"(id: \"x\", version: 1)".to_vec()),
        ("empty.ron", Vec::new()),
    ];
    let mut args = vec!["check".to_string()];
    for (name, bytes) in &files {
        fs::write(dir.join(name), bytes).unwrap();
        args.push(dir.join(name).display().to_string());
    }
    args.push(dir.join("missing.ron").display().to_string());
    args.push(dir.display().to_string()); // a folder
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = roundtable(home.path(), &args);
    assert_eq!(out.status.code(), Some(1));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(&format!("{}: ok\n", dir.join("good.ron").display())),
        "{text}"
    );
    let unknown = format!(
        "{}:5:5: unknown field `colour`",
        dir.join("unknown.ron").display()
    );
    assert!(text.contains(&unknown), "{text}");
    assert!(text.contains("newer Roundtable"), "{text}");
    for name in [
        "binary.ron",
        "deep.ron",
        "set.ron",
        "empty.ron",
        "missing.ron",
    ] {
        let prefix = format!("{}:", dir.join(name).display());
        let line = text
            .lines()
            .find(|l| l.starts_with(&prefix))
            .unwrap_or_else(|| panic!("{name}: {text}"));
        let mut parts = line[prefix.len()..].splitn(3, ':');
        assert!(parts.next().unwrap().parse::<usize>().is_ok(), "{line}");
        assert!(parts.next().unwrap().parse::<usize>().is_ok(), "{line}");
        assert!(parts.next().is_some_and(|m| m.len() > 3), "{line}");
    }
    assert!(
        text.contains(&format!("{}:1:1: is a folder", dir.display())),
        "{text}"
    );
}

#[test]
fn list_leaves_temp_files_alone_while_another_roundtable_holds_the_lock() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("s");
    let store = roundtable::store::Store::open(&dir).unwrap();
    let s = sample::session("Being saved", 1, 0);
    let temp = roundtable::store::temp_path_for(&store.path_for(&s));
    fs::write(&temp, s.to_ron().unwrap()).unwrap();
    // This test process plays the running app; `list` runs in another process.
    let _held = store.lock().unwrap();
    let out = roundtable(
        home.path(),
        &["--sessions-dir", dir.to_str().unwrap(), "list"],
    );
    assert!(temp.exists(), "a save in progress must not be touched");
    assert!(!store.path_for(&s).exists());
    assert_eq!(out.status.code(), Some(1));
    let problem = format!("{}:1:1: an interrupted save", temp.display());
    assert!(stdout(&out).contains(&problem), "{}", stdout(&out));
}

/// `text` as Notepad on Windows saves it: a byte-order mark, then CRLF line ends throughout.
fn as_saved_by_notepad(text: &str) -> Vec<u8> {
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    bytes
}

#[test]
fn a_session_saved_by_notepad_passes_check_and_reads_as_the_original() {
    let home = tempfile::tempdir().unwrap();
    let (plain, notepad) = (home.path().join("plain"), home.path().join("notepad"));
    let session = sample::session("Edited on Windows", 1, 0);
    assert!(
        session.questions[0].notes.contains('\n'),
        "notes span lines"
    );
    let text = session.to_ron().unwrap();
    let name = roundtable::store::Store::file_name_for(&session);
    for (dir, bytes) in [
        (&plain, text.clone().into_bytes()),
        (&notepad, as_saved_by_notepad(&text)),
    ] {
        fs::create_dir(dir).unwrap();
        fs::write(dir.join(&name), bytes).unwrap();
    }
    let file = notepad.join(&name);
    let out = roundtable(home.path(), &["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), format!("{}: ok\n", file.display()));

    // The summary and the report read it exactly as the file it was made from: the notes'
    // line breaks come back as the app writes them, with no `\r` left in.
    let run = |dir: &Path, command: &str| {
        let file = dir.join(&name);
        let dir = dir.to_str().unwrap();
        let args = match command {
            "summary" => vec!["--sessions-dir", dir, "summary", "--format", "csv"],
            _ => vec!["export", file.to_str().unwrap(), "--format", "markdown"],
        };
        let out = roundtable(home.path(), &args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out)
    };
    for command in ["summary", "export"] {
        let (want, got) = (run(&plain, command), run(&notepad, command));
        assert_eq!(got, want, "{command}");
        assert!(
            got.contains("Northbridge Place Partnership"),
            "{command}: {got}"
        );
        assert!(!got.contains('\r'), "{command}: {got:?}");
    }
}

#[test]
fn problems_in_a_notepad_file_point_where_the_editor_shows_them() {
    let home = tempfile::tempdir().unwrap();
    let good = sample::session("Good", 1, 0).to_ron().unwrap();
    let unknown = good.replacen("    group:", "    colour: 1,\n    group:", 1);
    let file = home.path().join("unknown.ron");
    fs::write(&file, as_saved_by_notepad(&unknown)).unwrap();
    let out = roundtable(home.path(), &["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let want = format!("{}:5:5: unknown field `colour`", file.display());
    assert!(stdout(&out).contains(&want), "{}", stdout(&out));

    // A question set from Notepad loads too.
    let sets = home.path().join("sets");
    fs::create_dir(&sets).unwrap();
    let set = include_str!("../assets/question-sets/subsidiarity-tests.ron");
    fs::write(sets.join("mine.ron"), as_saved_by_notepad(set)).unwrap();
    let out = roundtable(home.path(), &["--sets-dir", sets.to_str().unwrap(), "sets"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("(replaces built-in)"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn list_reads_a_folder_named_with_spaces_and_non_ascii_letters() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("Zoë's sessions").join("会议");
    let store = roundtable::store::Store::open(&dir).unwrap();
    sample::save(&store, &sample::session("Zoë's roundtable", 1, 0));
    let out = roundtable(
        home.path(),
        &["--sessions-dir", dir.to_str().unwrap(), "list"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Zoë's roundtable"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn without_a_terminal_the_app_points_at_the_headless_commands() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("sessions");
    for args in [vec![], vec!["resume"], vec!["summary"]] {
        let mut all = vec!["--sessions-dir", dir.to_str().unwrap()];
        all.extend(args.iter().copied());
        // stdin is /dev/null and stdout a pipe: no terminal either way.
        let o = Command::new(env!("CARGO_BIN_EXE_roundtable"))
            .args(&all)
            .env("HOME", home.path())
            .stdin(std::process::Stdio::null())
            .output()
            .expect("runs");
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("needs a terminal"), "{err}");
        for command in ["roundtable list", "summary --format", "roundtable export"] {
            assert!(err.contains(command), "{command} in {err}");
        }
        assert!(!err.contains("os error"), "{err}");
        assert!(!dir.join(".roundtable.lock").exists(), "nothing touched");
    }
}

#[test]
fn the_short_id_list_shows_is_what_export_takes() {
    let home = tempfile::tempdir().unwrap();
    let out = roundtable(home.path(), &["--sessions-dir", &examples(), "list"]);
    let text = stdout(&out);
    let ids: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(ids, ["8c1016b9", "aa41852e", "14705763", "de00b439"]);
    for id in ids {
        let out = roundtable(home.path(), &["--sessions-dir", &examples(), "export", id]);
        assert_eq!(out.status.code(), Some(0), "{id}: {}", stderr(&out));
        assert!(stdout(&out).starts_with("# Q"), "{id}");
    }
}

#[test]
fn list_selects_by_group_start_and_level() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("sessions");
    fs::create_dir(&dir).unwrap();
    for entry in fs::read_dir(examples()).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    // One of the year's sessions held by another group, at system level.
    let q2 = dir.join("2026-04-21-q2-roundtable-aa41852e.ron");
    let text = fs::read_to_string(&q2).unwrap();
    fs::write(
        &q2,
        text.replace("Northbridge Place Partnership", "North Hill ICS Board")
            .replace("level: Place", "level: System"),
    )
    .unwrap();
    let dir = dir.to_str().unwrap();
    let list = |args: &[&str]| {
        let mut all = vec!["--sessions-dir", dir, "list"];
        all.extend(args);
        roundtable(home.path(), &all)
    };
    let rows = |out: &Output| stdout(out).lines().skip(1).count();
    let out = list(&["--group", "NORTHB"]);
    assert_eq!(
        (out.status.code(), rows(&out)),
        (Some(0), 3),
        "{}",
        stdout(&out)
    );
    let out = list(&["--level", "system"]);
    assert_eq!(rows(&out), 1, "{}", stdout(&out));
    assert!(
        stdout(&out).contains("North Hill ICS Board  system"),
        "{}",
        stdout(&out)
    );
    let out = list(&["--group", "north"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("2 groups start with \"north\""),
        "{}",
        stderr(&out)
    );
    let out = list(&["--group", "northbridge", "--level", "system"]);
    assert!(
        stdout(&out).starts_with("No sessions of that group and level"),
        "{}",
        stdout(&out)
    );
    let out = list(&["--level", "sideways"]);
    assert_eq!(out.status.code(), Some(2), "clap refuses an unknown level");
}
