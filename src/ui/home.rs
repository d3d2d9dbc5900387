//! Home: sessions in progress first (Enter or r resumes), recent sessions, problem files,
//! and a first-run screen that says what to do.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::home::{HomeMode, HomeState};
use crate::app::{SessionEntry, Shared};
use crate::domain::{Level, Status};
use crate::report::present;

use super::theme::Theme;
use super::widgets::{block, cells, pad, shorten_middle};

pub fn render(frame: &mut Frame, area: Rect, state: &HomeState, app: &Shared, theme: Theme) {
    let problems = &app.library.problems;
    let problem_height = if problems.is_empty() {
        0
    } else {
        cells(problems.len())
            .saturating_mul(2)
            .saturating_add(3)
            .min(area.height / 2)
    };
    let conflict_height = u16::from(!app.library.conflicts.is_empty());
    let [main, conflict_area, problem_area, place] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(conflict_height),
        Constraint::Length(problem_height),
        Constraint::Length(1),
    ])
    .areas(area);
    if conflict_height > 0 {
        let n = app.library.conflicts.len();
        frame.render_widget(
            Paragraph::new(Line::styled(
                format!(
                    " ⚠ {n} session{} two versions on disk (marked ⚠): press c to compare and keep one",
                    if n == 1 { " has" } else { "s have" }
                ),
                theme.warning(),
            )),
            conflict_area,
        );
    }
    if let HomeMode::SetAside { entries, row } = &state.mode {
        set_aside(frame, main, entries, *row, theme);
    } else if let Some((done, total)) = app
        .library
        .loading
        .filter(|_| app.library.sessions.is_empty())
    {
        loading(frame, main, done, total, theme);
    } else if app.library.sessions.is_empty() {
        first_run(frame, main, theme);
    } else {
        sessions(frame, main, state, app, theme);
    }
    if let HomeMode::Renaming { title, .. } = &state.mode {
        let width = main.width.saturating_sub(8).min(70);
        let popup = super::widgets::centred(main, width, 3);
        frame.render_widget(ratatui::widgets::Clear, popup);
        let outer =
            block(" New title — Enter saves, Esc keeps the old ", theme).border_style(theme.key());
        let inner = outer.inner(popup);
        frame.render_widget(outer, popup);
        frame.render_widget(title.as_ref(), inner);
    }
    if problem_height > 0 {
        let mut lines = vec![Line::styled(
            "Not read (everything else is fine). Fix or move them; `roundtable check FILE` lists every problem.",
            theme.dim(),
        )];
        // A sync client's copy has a long name: keep both ends of it so the line still
        // says which folder and which file.
        let room = usize::from(problem_area.width.saturating_sub(4)) * 2 / 3;
        lines.extend(
            problems
                .iter()
                .map(|p| Line::from(format!("• {}", shorten_problem_path(p, room)))),
        );
        // More problems than rows: counted, with where to see them all.
        let lines = super::widgets::scrolled(
            lines,
            problem_area.width.saturating_sub(2),
            problem_area.height.saturating_sub(2),
            0,
            "roundtable list shows all",
            theme,
        );
        frame.render_widget(
            Paragraph::new(lines).wrap(Wrap { trim: true }).block(
                block(format!(" ⚠ {} problem file(s) ", problems.len()), theme)
                    .border_style(theme.warning()),
            ),
            problem_area,
        );
    }
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(" Sessions are saved in {}", app.sessions_dir.display()),
            theme.dim(),
        )),
        place,
    );
}

/// The first frame, drawn before the folder is read: how far reading has got.
fn loading(frame: &mut Frame, area: Rect, done: usize, total: usize, theme: Theme) {
    let text = if total == 0 {
        "Reading the sessions folder…".to_string()
    } else {
        format!(
            "Loading {} of {} sessions…",
            present::count(done),
            present::count(total)
        )
    };
    let lines = vec![
        Line::from(text),
        Line::default(),
        Line::styled(
            "n starts a new session meanwhile; ? shows the keys.",
            theme.dim(),
        ),
    ];
    frame.render_widget(
        Paragraph::new(lines).block(block(" Sessions ", theme)),
        area,
    );
}

/// The sessions set aside (`Z`): out of the lists, in `archive/`, and restorable.
fn set_aside(frame: &mut Frame, area: Rect, entries: &[SessionEntry], row: usize, theme: Theme) {
    let width = usize::from(area.width.saturating_sub(2));
    let lines: Vec<Line<'static>> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let s = &e.digest;
            let marker = if i == row { "▶ " } else { "  " };
            let text = format!("{marker}{} · {} · {}", s.date(), s.title, s.group);
            let style = if i == row {
                theme.selected()
            } else {
                theme.text()
            };
            Line::styled(super::widgets::truncate(&text, width), style)
        })
        .collect();
    let lines = super::widgets::scrolled_to(
        lines,
        u16::MAX,
        area.height.saturating_sub(2),
        row,
        "↑↓",
        theme,
    );
    let title = format!(
        " Set aside in archive/: {} (Enter restores) ",
        entries.len()
    );
    frame.render_widget(Paragraph::new(lines).block(block(title, theme)), area);
}

fn first_run(frame: &mut Frame, area: Rect, theme: Theme) {
    let lines = vec![
        Line::styled("Welcome to Roundtable", theme.title()),
        Line::default(),
        Line::from("Walk a group through reflection questions one at a time: read the question,"),
        Line::from("take each person's score, see the spread, agree a score, capture notes,"),
        Line::from("actions and revisit flags. Everything is saved as you go, and nothing"),
        Line::from("leaves this computer."),
        Line::default(),
        Line::from(vec![
            Span::raw("Press "),
            Span::styled("n", theme.key()),
            Span::raw(" to start your first session. The default questions are the ten"),
        ]),
        Line::from("reflection questions of the LGA/NHSCC guide \"Localising decision-making\"."),
        Line::default(),
        Line::from(vec![
            Span::raw("Press "),
            Span::styled("?", theme.key()),
            Span::raw(" at any time for the keys."),
        ]),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block(" Getting started ", theme)),
        area,
    );
}

fn sessions(frame: &mut Frame, area: Rect, state: &HomeState, app: &Shared, theme: Theme) {
    let rows = app.library.home_rows();
    let inner_height = usize::from(area.height.saturating_sub(3));
    let first = (state.row + 1).saturating_sub(inner_height);
    let width = usize::from(area.width.saturating_sub(2));
    // status(13) date(11) answered(6) mean(5) and the level leave the rest to title, group
    // and set. The level is whole from 100 columns ("neighbourhood"), cut below.
    let level_w = if width >= 98 { 13 } else { 6 };
    let rest = width.saturating_sub(13 + 11 + 7 + 6 + 4 + 1 + level_w);
    let title_w = rest * 4 / 10;
    let group_w = rest * 3 / 10;
    let set_w = rest.saturating_sub(title_w + group_w);
    let widths = [title_w, group_w, level_w, set_w];
    let header = Line::styled(
        format!(
            "{:<13}{:<11}{} {} {} {} {:>6} {:>5}",
            "Status",
            "Date",
            pad("Title", title_w),
            pad("Group", group_w),
            pad("Level", level_w),
            pad("Question set", set_w),
            "Done",
            "Mean"
        ),
        theme.heading(),
    );
    let mut lines = vec![header];
    for (i, entry) in rows.iter().enumerate().skip(first).take(inner_height) {
        let conflict = app.library.conflicts.contains(&entry.path);
        lines.push(row(entry, i == state.row, conflict, widths, theme));
    }
    let in_progress = rows
        .iter()
        .filter(|e| e.digest.status == Status::InProgress)
        .count();
    let title = format!(
        " Sessions: {} in progress, {} in all ",
        present::count(in_progress),
        present::count(rows.len())
    );
    frame.render_widget(Paragraph::new(lines).block(block(title, theme)), area);
}

fn row(
    entry: &SessionEntry,
    selected: bool,
    conflict: bool,
    widths: [usize; 4],
    theme: Theme,
) -> Line<'static> {
    let [title_w, group_w, level_w, set_w] = widths;
    let s = &entry.digest;
    let status = match s.status {
        Status::InProgress => "▶ in progress",
        Status::Complete => "✓ complete",
    };
    let mean = present::mean_or_dash(s.mean());
    let level = match s.level {
        Level::NotSet => "–",
        level => level.label(),
    };
    let text = format!(
        "{:<13}{:<11}{} {} {} {} {:>6} {:>5}",
        status,
        s.date().to_string(),
        // ⚠ marks a session with a second version on disk (Home `c`).
        pad(
            &if conflict {
                format!("⚠ {}", s.title)
            } else {
                s.title.clone()
            },
            title_w
        ),
        pad(&s.group, group_w),
        pad(level, level_w),
        pad(&s.set_id, set_w),
        format!("{}/{}", s.answered, s.questions.len()),
        mean
    );
    let style = if selected {
        theme.selected()
    } else {
        theme.text()
    };
    Line::styled(text, style)
}

/// `PATH:LINE:COL: message` with the path shortened from the middle to `room` columns.
fn shorten_problem_path(problem: &str, room: usize) -> String {
    // The first ":<digits>:<digits>: " ends the path (a Windows path has a colon too).
    let bytes = problem.as_bytes();
    let mut i = 0;
    while let Some(off) = problem[i..].find(':') {
        let at = i + off;
        let rest = &problem[at + 1..];
        let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
        let d1 = digits(rest);
        if d1 > 0 && rest.as_bytes().get(d1) == Some(&b':') {
            let rest2 = &rest[d1 + 1..];
            let d2 = digits(rest2);
            if d2 > 0
                && rest2.starts_with(|c: char| c.is_ascii_digit())
                && rest2[d2..].starts_with(": ")
            {
                return format!("{}{}", shorten_middle(&problem[..at], room), &problem[at..]);
            }
        }
        i = at + 1;
        if i >= bytes.len() {
            break;
        }
    }
    problem.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_problem_paths_are_shortened_from_the_middle() {
        let long = format!(
            "/home/me/sessions/{}.sync-conflict-20261202-101010-ABCDEFG.ron:1:1: conflict: another copy",
            "2026-01-20-q1-roundtable-8c1016b9"
        );
        let short = shorten_problem_path(&long, 40);
        assert!(short.starts_with("/home/me/"), "{short}");
        assert!(short.contains("…"), "{short}");
        assert!(
            short.ends_with("ABCDEFG.ron:1:1: conflict: another copy"),
            "{short}"
        );
        assert_eq!(
            shorten_problem_path("C:\\s\\a.ron:3:7: bad", 40),
            "C:\\s\\a.ron:3:7: bad"
        );
        assert_eq!(shorten_problem_path("no position", 4), "no position");
    }
}
