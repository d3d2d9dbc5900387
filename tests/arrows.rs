//! The arrows between the top-level modules go one way (see `src/lib.rs`): `domain` uses
//! nothing of ours; `store` and `report` use `domain`; `app` and `ui` never reach for files,
//! the terminal or the command line. This reads `src/` and fails on a forbidden `crate::`
//! import or on any circle between modules, so a shortcut is caught in review, not later.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Who may not use whom. A module not listed on the left may use anything (circles aside).
const FORBIDDEN: &[(&str, &[&str])] = &[
    (
        "domain",
        &["app", "cli", "report", "runtime", "store", "tui", "ui"],
    ),
    ("store", &["app", "cli", "report", "runtime", "tui", "ui"]),
    ("report", &["app", "cli", "runtime", "store", "tui", "ui"]),
    ("app", &["cli", "runtime", "store", "tui", "ui"]),
    ("ui", &["cli", "runtime", "store", "tui"]),
];

/// Module name → the other top-level modules it names, each with a file that does.
type Graph = BTreeMap<String, BTreeMap<String, PathBuf>>;

#[test]
fn no_forbidden_arrow_between_modules() {
    let graph = graph_of(&sources(Path::new("src")));
    assert!(
        graph.contains_key("domain") && graph.contains_key("store"),
        "the scan found the modules: {:?}",
        graph.keys()
    );
    let wrong = forbidden_arrows(&graph);
    assert!(wrong.is_empty(), "forbidden imports:\n{}", wrong.join("\n"));
}

#[test]
fn no_circle_between_modules() {
    let graph = graph_of(&sources(Path::new("src")));
    if let Some(circle) = circle(&graph) {
        panic!(
            "modules import each other in a circle: {}",
            circle.join(" → ")
        );
    }
}

#[test]
fn the_scan_catches_what_it_should() {
    let files = vec![
        src(
            "store",
            "store/export.rs",
            "use crate::report::{self, Format};",
        ),
        src("store", "store/mod.rs", "use crate::domain::Session;"),
        // Grouped imports (over lines, as rustfmt writes them), and a path without `use`.
        src(
            "domain",
            "domain/mod.rs",
            "use crate::{\n    domain::x,\n    ui::{y, z},\n};",
        ),
        src("app", "app/update.rs", "let x = crate::store::slug(t);"),
        // Comments are not imports.
        src(
            "report",
            "report/mod.rs",
            "// the store (crate::store) writes it",
        ),
        src("report", "report/mod.rs", "/// see [`crate::app::App`]"),
    ];
    let graph = graph_of(&files);
    assert_eq!(
        forbidden_arrows(&graph),
        vec![
            "app → store (app/update.rs)",
            "domain → ui (domain/mod.rs)",
            "store → report (store/export.rs)",
        ]
    );

    let loop_files = vec![
        src("cli", "cli.rs", "use crate::runtime::Runtime;"),
        src("runtime", "runtime.rs", "use crate::tui;"),
        src("tui", "tui.rs", "use crate::cli::Cli;"),
    ];
    assert_eq!(
        circle(&graph_of(&loop_files)),
        Some(vec![
            "cli".into(),
            "runtime".into(),
            "tui".into(),
            "cli".into()
        ])
    );
    assert_eq!(circle(&graph_of(&files)), None);
}

struct Source {
    module: String,
    path: PathBuf,
    text: String,
}

fn src(module: &str, path: &str, text: &str) -> Source {
    Source {
        module: module.into(),
        path: path.into(),
        text: text.into(),
    }
}

/// Every `.rs` file under `root`, with the top-level module it belongs to (`src/store/x.rs`
/// and `src/runtime.rs` → `store`, `runtime`). `lib.rs` and `main.rs` sit above the modules.
fn sources(root: &Path) -> Vec<Source> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(root).expect("under src");
            let first = relative.components().next().expect("a component");
            let module = Path::new(first.as_os_str())
                .file_stem()
                .expect("a name")
                .to_string_lossy()
                .into_owned();
            if module == "lib" || module == "main" {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read a source file");
            out.push(Source {
                module,
                path: relative.to_path_buf(),
                text,
            });
        }
    }
    out
}

fn graph_of(sources: &[Source]) -> Graph {
    let mut graph = Graph::new();
    for s in sources {
        let uses = graph.entry(s.module.clone()).or_default();
        // Comments dropped, lines kept together: rustfmt spreads a long `use` over lines.
        let code: Vec<&str> = s
            .text
            .lines()
            .map(|line| line.split("//").next().unwrap_or(""))
            .collect();
        for used in crate_paths(&code.join("\n")) {
            if used != s.module {
                uses.entry(used).or_insert_with(|| s.path.clone());
            }
        }
    }
    graph
}

/// The first segment after each `crate::` in code; `crate::{a::x, b}` gives both.
fn crate_paths(code: &str) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let before = code[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // `other_crate::` is not ours
        }
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            out.extend(
                top_level_items(group)
                    .iter()
                    .map(|item| ident(item))
                    .filter(|s| !s.is_empty()),
            );
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    out
}

/// `a::x, b::{c, d}, e} …` → `["a::x", "b::{c, d}", "e"]`: the items of one `{…}` group.
fn top_level_items(group: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(&group[start..i]);
                return items;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&group[start..]);
    items
}

/// `from → to (file)` for every import the rule table forbids, sorted.
fn forbidden_arrows(graph: &Graph) -> Vec<String> {
    let mut out = Vec::new();
    for (from, banned) in FORBIDDEN {
        for (to, file) in graph.get(*from).into_iter().flatten() {
            if banned.contains(&to.as_str()) {
                out.push(format!("{from} → {to} ({})", file.display()));
            }
        }
    }
    out.sort();
    out
}

/// One circle of modules, starting and ending at the same one, if there is any.
fn circle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &Graph,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_string());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flat_map(|uses| uses.keys()) {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|start| visit(start, graph, &mut Vec::new(), &mut done))
}
