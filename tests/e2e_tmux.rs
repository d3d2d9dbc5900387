//! End to end, as a facilitator would: the binary in a real terminal (tmux), votes and notes
//! typed, `kill -9` mid-session, then `roundtable resume` finds everything typed more than a
//! second before the kill. Needs tmux (CI installs it).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_roundtable");

struct Tmux {
    socket: PathBuf,
}

impl Tmux {
    fn new(dir: &Path) -> Tmux {
        let found = Command::new("tmux").arg("-V").output();
        assert!(
            found.is_ok_and(|o| o.status.success()),
            "tmux is needed for the end-to-end test: apt-get install -y tmux"
        );
        Tmux {
            socket: dir.join("tmux.sock"),
        }
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn start(&self, name: &str, command: &str) {
        // `exec` so the pane's process is Roundtable itself, which the test then kills; its
        // error output goes to a file so a failure can say what happened.
        let log = self.socket.with_file_name(format!("{name}.stderr"));
        self.run(&[
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            "100",
            "-y",
            "30",
            &format!("exec {command} 2>'{}'", log.display()),
        ]);
        // Keep the pane after the program ends, so its last screen can still be read.
        self.run(&["set-option", "-t", name, "remain-on-exit", "on"]);
    }

    fn stderr(&self, name: &str) -> String {
        std::fs::read_to_string(self.socket.with_file_name(format!("{name}.stderr")))
            .unwrap_or_default()
    }

    fn screen(&self, name: &str) -> String {
        self.run(&["capture-pane", "-p", "-t", name])
    }

    fn wait_for(&self, name: &str, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen(name);
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "timed out waiting for {text:?}; the screen shows:\n{screen}\nand stderr:\n{}",
                self.stderr(name)
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn keys(&self, name: &str, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", name];
        args.extend(keys);
        self.run(&args);
    }

    fn type_text(&self, name: &str, text: &str) {
        self.run(&["send-keys", "-t", name, "-l", text]);
    }

    fn pid(&self, name: &str) -> u32 {
        self.run(&["list-panes", "-t", name, "-F", "#{pane_pid}"])
            .trim()
            .parse()
            .expect("pane pid")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

/// Whether `pid` is still running (a zombie waiting to be reaped has finished).
fn running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit(") ")
            .next()
            .is_some_and(|rest| !rest.starts_with('Z'))
    })
}

fn wait_for_exit(pid: u32, when: &str) {
    let start = Instant::now();
    while running(pid) {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "Roundtable kept running {when}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn session_file(dir: &Path) -> PathBuf {
    std::fs::read_dir(dir)
        .expect("sessions dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "ron"))
        .expect("a session file")
}

fn wait_until_saved(dir: &Path, text: &str) {
    let start = Instant::now();
    loop {
        if std::fs::read_to_string(session_file(dir)).is_ok_and(|s| s.contains(text)) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{text:?} was not autosaved"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn kill_dash_nine_mid_notes_loses_nothing_older_than_a_second() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let sessions = tmp.path().join("sessions");
    let tmux = Tmux::new(tmp.path());
    let dir = sessions.display().to_string();

    tmux.start(
        "first",
        &format!("{BIN} --sessions-dir '{dir}' new --set localising-decisions --title 'Kill test' --group 'Northbridge' --participants 'Ann,Bob,Chloé,李明,Dev'"),
    );
    tmux.wait_for("first", "Question 1 of 10");
    tmux.type_text("first", "34425");
    tmux.wait_for("first", "Votes 5/5");
    tmux.keys("first", &["g", "Enter"]);
    tmux.wait_for("first", "Agreed: 4 Largely");
    tmux.keys("first", &["Right"]);
    tmux.wait_for("first", "Question 2 of 10");
    tmux.type_text("first", "2-");
    tmux.keys("first", &["e"]);
    tmux.wait_for("first", "editing");
    tmux.type_text("first", "Café talk — 会議のメモ 🎉 naïve");
    tmux.keys("first", &["Enter"]);
    tmux.type_text("first", "second line kept");
    wait_until_saved(&sessions, "second line kept");

    // A second Roundtable on the same folder is refused while the first holds it (in a
    // terminal of its own: without one it would stop earlier, pointing at `list`).
    tmux.start("refused", &format!("{BIN} --sessions-dir '{dir}' resume"));
    let start = Instant::now();
    let said = loop {
        let said = tmux.stderr("refused");
        if said.contains("another Roundtable") || start.elapsed() > Duration::from_secs(10) {
            break said;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(said.contains("another Roundtable"), "{said}");

    std::thread::sleep(Duration::from_millis(1_200));
    let pid = tmux.pid("first");
    let killed = Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    // The kernel releases the lock when the process is gone; wait for that, as a person would.
    wait_for_exit(pid, "after kill -9");

    tmux.start("second", &format!("{BIN} --sessions-dir '{dir}' resume"));
    tmux.wait_for("second", "Question 2 of 10");
    let screen = tmux.wait_for("second", "second line kept");
    assert!(
        screen.contains("Café talk — 会議のメモ 🎉 naïve"),
        "{screen}"
    );
    assert!(screen.contains("abstains"), "{screen}");

    let text = std::fs::read_to_string(session_file(&sessions)).expect("file");
    let session = roundtable::domain::Session::from_ron(&text).expect("valid after kill -9");
    use roundtable::domain::Vote::{Abstain, Pending, Score};
    assert_eq!(
        session.questions[0].votes,
        vec![Score(3), Score(4), Score(4), Score(2), Score(5)]
    );
    assert_eq!(session.questions[0].agreed, Some(4));
    assert_eq!(
        session.questions[1].votes,
        vec![Score(2), Abstain, Pending, Pending, Pending]
    );
    assert_eq!(
        session.questions[1].notes,
        "Café talk — 会議のメモ 🎉 naïve\nsecond line kept"
    );

    // q back to Home, q quits; the terminal program ends, having printed no error.
    let pid = tmux.pid("second");
    tmux.keys("second", &["q"]);
    tmux.wait_for("second", "Sessions: 1 in progress");
    tmux.keys("second", &["q"]);
    wait_for_exit(pid, "after q on Home");
    assert_eq!(tmux.stderr("second"), "", "no error on quitting");
}

#[test]
fn closing_the_terminal_window_saves_and_ends_the_app() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let sessions = tmp.path().join("sessions");
    let tmux = Tmux::new(tmp.path());
    let dir = sessions.display().to_string();
    tmux.start(
        "window",
        &format!("{BIN} --sessions-dir '{dir}' new --title 'Closed window' --seats 3"),
    );
    tmux.wait_for("window", "Question 1 of 10");
    tmux.type_text("window", "4");
    tmux.keys("window", &["e"]);
    tmux.wait_for("window", "editing");
    tmux.type_text("window", "typed just before the window closed");
    tmux.wait_for("window", "typed just before the window closed");
    let pid = tmux.pid("window");

    // The window goes away without the app being told (no key, no SIGHUP to it).
    tmux.run(&["kill-session", "-t", "window"]);
    wait_for_exit(pid, "after its terminal closed");
    let text = std::fs::read_to_string(session_file(&sessions)).expect("file");
    let session = roundtable::domain::Session::from_ron(&text).expect("valid");
    assert_eq!(
        session.questions[0].notes,
        "typed just before the window closed"
    );
    assert_eq!(
        session.questions[0].votes[0],
        roundtable::domain::Vote::Score(4)
    );
}

/// Files under `dir` (and its subfolders) whose name ends `.ron`.
fn ron_files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(ron_files_under(&path));
        } else if path.extension().is_some_and(|x| x == "ron") {
            out.push(path);
        }
    }
    out
}

#[test]
fn sigterm_while_the_folder_refuses_saves_writes_an_emergency_copy_and_exits_non_zero() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let sessions = tmp.path().join("sessions");
    let data = tmp.path().join("data");
    let tmux = Tmux::new(tmp.path());
    let dir = sessions.display().to_string();
    // A shell waits for the app and writes its exit code: tmux does not always report the
    // exit status of a pane's process (tmux 3.3 left it empty here now and then).
    let code_file = tmp.path().join("exit-code");
    tmux.start(
        "term",
        &format!(
            "sh -c \"env XDG_DATA_HOME='{}' {BIN} --sessions-dir '{dir}' new --title 'Term test' --seats 3 2>>'{}'; echo \\$? > '{}'\"",
            data.display(),
            tmp.path().join("term.stderr").display(),
            code_file.display()
        ),
    );
    tmux.wait_for("term", "Question 1 of 10");
    tmux.type_text("term", "4");
    wait_until_saved(&sessions, "Score(4)");
    // The folder goes away under the app (a USB stick pulled, a share dropped): a file
    // now stands where the folder was, so every save fails, even as root.
    std::fs::rename(&sessions, tmp.path().join("sessions.moved")).expect("move the folder");
    std::fs::write(&sessions, "not a folder").expect("a file in its place");
    tmux.keys("term", &["e"]);
    tmux.wait_for("term", "editing");
    tmux.type_text("term", "words the folder refused");
    tmux.wait_for("term", "NOT SAVED");

    // The app's own process: the shell's child, not the shell.
    let shell = tmux.pid("term");
    let pid: u32 = Command::new("pgrep")
        .args(["-P", &shell.to_string()])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .expect("pgrep")
        .parse()
        .expect("the app's pid");
    let killed = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    wait_for_exit(pid, "after SIGTERM");

    let asked = Instant::now();
    let code = loop {
        let code = std::fs::read_to_string(&code_file).unwrap_or_default();
        if !code.trim().is_empty() || asked.elapsed() > Duration::from_secs(10) {
            break code;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(!code.trim().is_empty(), "the shell saw the exit");
    assert_ne!(code.trim(), "0", "exits non-zero: {code:?}");
    let said = tmux.stderr("term");
    assert!(
        said.contains("emergency"),
        "says where the work went: {said}"
    );
    let copies = ron_files_under(&data.join("roundtable").join("emergency"));
    assert_eq!(copies.len(), 1, "{copies:?}; stderr: {said}");
    let text = std::fs::read_to_string(&copies[0]).expect("copy");
    assert!(text.contains("words the folder refused"), "{text}");
    roundtable::domain::Session::from_ron(&text).expect("the copy is a whole session");
    assert!(said.contains(&copies[0].display().to_string()), "{said}");
}

#[test]
fn a_folder_that_cannot_be_written_opens_read_only_with_a_banner() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let sessions = tmp.path().join("sessions");
    for entry in std::fs::read_dir("sessions").expect("examples") {
        let path = entry.expect("entry").path();
        std::fs::create_dir_all(&sessions).expect("dir");
        std::fs::copy(&path, sessions.join(path.file_name().expect("name"))).expect("copy");
    }
    // As root nothing is read-only by permission: something in the way of the write check
    // plays a folder that refuses new files.
    std::fs::create_dir(sessions.join(roundtable::store::WRITE_PROBE)).expect("in the way");
    let tmux = Tmux::new(tmp.path());
    let dir = sessions.display().to_string();
    tmux.start("ro", &format!("{BIN} --sessions-dir '{dir}'"));
    let screen = tmux.wait_for("ro", "Read-only:");
    assert!(screen.contains("Browsing only"), "{screen}");
    tmux.keys("ro", &["n"]);
    tmux.wait_for("ro", "nothing changed");
    let pid = tmux.pid("ro");
    tmux.keys("ro", &["q"]);
    wait_for_exit(pid, "after q on Home");
    assert_eq!(tmux.stderr("ro"), "");
}

/// Wait until `name`'s screen shows `text`, and say how long it took from `since`.
fn followed_within(tmux: &Tmux, name: &str, text: &str, since: Instant) -> Duration {
    tmux.wait_for(name, text);
    since.elapsed()
}

#[test]
fn the_presenter_follows_the_facilitator_within_a_second_through_a_restart() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let sessions = tmp.path().join("sessions");
    let tmux = Tmux::new(tmp.path());
    let dir = sessions.display().to_string();
    tmux.start(
        "desk",
        &format!("{BIN} --sessions-dir '{dir}' new --title 'Room test' --participants 'Zebedee,Ottoline,Quentin,Philippa' --hidden-votes"),
    );
    tmux.wait_for("desk", "Question 1 of 10");
    tmux.start("room", &format!("{BIN} --sessions-dir '{dir}' present"));
    tmux.wait_for("room", "Question 1 of 10");
    tmux.wait_for("room", "0 of 4 voted");

    // Each step the facilitator takes reaches the projector within a second.
    let mut slowest = Duration::ZERO;
    let mut step = |keys: &[&str], text: &str| {
        let since = Instant::now();
        tmux.keys("desk", keys);
        let took = followed_within(&tmux, "room", text, since);
        assert!(
            took < Duration::from_millis(1_000),
            "the presenter took {took:?} to show {text:?}"
        );
        slowest = slowest.max(took);
    };
    step(&["3", "4"], "2 of 4 voted");
    step(&["Right"], "Question 2 of 10");
    step(&["Left"], "Question 1 of 10");
    step(&["5", "1"], "4 of 4 voted");
    step(&["v"], "median 3.5");
    step(&["R", "R"], "round 2");
    step(&["T", "1"], "Silence");

    // The presenter never showed a name.
    let screen = tmux.screen("room");
    for name in ["Zebedee", "Ottoline", "Quentin", "Philippa"] {
        assert!(!screen.contains(name), "{screen}");
    }

    // The facilitator quits and resumes: the presenter keeps its last frame meanwhile, is
    // never refused, and follows the new window.
    let desk = tmux.pid("desk");
    tmux.keys("desk", &["q"]);
    tmux.wait_for("desk", "Sessions: 1 in progress");
    tmux.keys("desk", &["q"]);
    wait_for_exit(desk, "after q on Home");
    tmux.wait_for("room", "Silence");
    let room = tmux.pid("room");
    assert!(running(room), "the presenter still runs");
    tmux.start("desk2", &format!("{BIN} --sessions-dir '{dir}' resume"));
    tmux.wait_for("desk2", "Question 1 of 10");
    step(&[], "Question 1 of 10");
    let since = Instant::now();
    tmux.keys("desk2", &["Right"]);
    let took = followed_within(&tmux, "room", "Question 2 of 10", since);
    assert!(
        took < Duration::from_millis(1_000),
        "after the restart: {took:?}"
    );

    // The presenter never took the lock and never wrote: only the session file and the lock.
    let files: Vec<_> = std::fs::read_dir(&sessions)
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");
    tmux.keys("room", &["q"]);
    wait_for_exit(room, "after q on the presenter");
    assert_eq!(tmux.stderr("room"), "", "no error from the presenter");
    eprintln!("slowest step before the restart: {slowest:?}");
}
