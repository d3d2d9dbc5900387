//! The summary screen: where the group stands now, what moved, where people disagree.
//!
//! Drawn from [`SummaryState`] alone. Every score is a number *and* a shade (░▒▓█), every
//! movement an arrow *and* a signed number, so nothing depends on colour. The words and
//! numbers come from [`present`], shared with every report.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Block, Borders, Cell, Chart, Dataset, GraphType, Paragraph, Row, Table, TableState, Wrap,
};
use unicode_width::UnicodeWidthStr;

use crate::app::summary::{Panel, SummaryState};
use crate::domain::compare::{Cell as ScoreCell, Comparison, QuestionRow, Trend};
use crate::domain::question_set::Scale;
use crate::report::present;
use crate::ui::theme::Theme;
use crate::ui::widgets::{cells, scrolled};

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/// Width of one session column: up to "▓2.5*", or a date with its A/B marker.
const SESSION_COL: u16 = 6;

pub fn render(frame: &mut Frame, area: Rect, state: &SummaryState, theme: Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let c = &state.comparison;
    if c.sessions.is_empty() {
        render_empty(frame, area, state, theme);
        return;
    }
    let problems_line = u16::from(!state.problems.is_empty() && state.panel != Panel::Problems);
    // The matrix gets what it needs (header, rows, mean, borders) and the panel the rest,
    // but the panel keeps at least 7 lines when there is room for both.
    let matrix_need = cells(c.rows.len()).saturating_add(4);
    let [top, main, bottom, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Max(matrix_need),
        Constraint::Min(7.min(area.height.saturating_sub(matrix_need.saturating_add(1)))),
        Constraint::Length(problems_line),
    ])
    .areas(area);
    render_heading(frame, top, state, theme);
    render_matrix(frame, main, state, theme);
    match state.panel {
        Panel::Trend => render_trend(frame, bottom, state, theme),
        Panel::Compare => render_compare(frame, bottom, state, theme),
        Panel::Problems => render_problems(frame, bottom, state, theme),
    }
    if problems_line > 0 {
        let n = state.problems.len();
        let text = format!(
            "! {n} file{} could not be read and {} not shown: Tab to see which",
            if n == 1 { "" } else { "s" },
            if n == 1 { "is" } else { "are" }
        );
        frame.render_widget(Paragraph::new(Span::styled(text, theme.warning())), foot);
    }
}

fn render_empty(frame: &mut Frame, area: Rect, state: &SummaryState, theme: Theme) {
    let c = &state.comparison;
    let mut lines = vec![
        Line::from(Span::styled("Summary", theme.title())),
        Line::default(),
    ];
    let asked: Vec<String> = [
        (!c.group.is_empty()).then(|| format!("group “{}”", c.group)),
        (!c.set_id.is_empty()).then(|| format!("question set “{}”", c.set_id)),
    ]
    .into_iter()
    .flatten()
    .collect();
    // Only one group's sessions are read: the groups say whether the folder has any.
    if state.sessions.is_empty() && state.groups.is_empty() {
        lines.push(Line::from(
            "No sessions to compare yet. Run a session, then come back here to see how scores move over time.",
        ));
    } else {
        lines.push(Line::from(format!(
            "No sessions match {}. Press g to show another group.",
            asked.join(" and ")
        )));
    }
    if !state.problems.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            format!("{} file(s) could not be read:", state.problems.len()),
            theme.warning(),
        )));
        lines.extend(state.problems.iter().map(|p| Line::from(p.as_str())));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

fn render_heading(frame: &mut Frame, area: Rect, state: &SummaryState, theme: Theme) {
    let c = &state.comparison;
    let count = match c.sessions.len() {
        1 => "1 session".to_string(),
        n => format!("{} sessions", crate::report::present::count(n)),
    };
    // The level (neighbourhood, place, system) the compared sessions were held at.
    let levels = crate::report::present::levels(
        c.sessions
            .iter()
            .filter_map(|col| state.sessions.get(col.index))
            .map(|s| s.level),
    );
    // Sessions held without a group name are one "group" too: say so rather than nothing.
    let group = if c.group.trim().is_empty() {
        Span::styled("Sessions with no group", theme.dim())
    } else {
        Span::styled(c.group.clone(), theme.title())
    };
    let spans = vec![
        group,
        Span::styled(" · ", theme.dim()),
        Span::raw(levels),
        Span::styled(" · ", theme.dim()),
        Span::raw(c.set_id.clone()),
        Span::styled(" · ", theme.dim()),
        Span::raw(count),
    ];
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn bar(score: f64, scale: Option<&Scale>) -> char {
    let (min, max) = scale.map_or((1.0, 5.0), |s| (f64::from(s.min), f64::from(s.max)));
    let span = (max - min).max(1.0);
    let f = ((score - min) / span).clamp(0.0, 1.0);
    BARS[(f * 7.0).round() as usize]
}

/// A cell: shade and score, `*` for the median standing in; `–` not asked, `·` not scored.
fn cell_text(cell: Option<&ScoreCell>, scale: Option<&Scale>) -> String {
    let shade = cell
        .and_then(ScoreCell::score)
        .map_or("", |v| present::shade(v, scale));
    format!("{shade}{}", present::score_cell(cell))
}

/// A movement with an arrow and a signed number: `↑ +1`, `↓ −0.5`, `→ 0`.
fn movement(change: Option<f64>, theme: Theme) -> Span<'static> {
    let style = match change.map(Trend::of_change) {
        None | Some(Trend::Flat) => theme.dim(),
        Some(Trend::Up) => theme.good(),
        Some(Trend::Down) => theme.bad(),
    };
    match change {
        None => Span::styled("  ", style),
        Some(_) => Span::styled(present::change_arrow(change), style),
    }
}

fn sparkline(row: &QuestionRow, scale: Option<&Scale>, width: usize) -> String {
    let scores = row.scores();
    let start = scores.len().saturating_sub(width);
    scores[start..]
        .iter()
        .map(|s| s.map_or(' ', |v| bar(v, scale)))
        .collect()
}

fn spread(row: &QuestionRow, theme: Theme) -> Span<'static> {
    // After a second round, the spread before it too: `1–5 ! → 3–4`.
    let text = present::spread_after_rounds(row);
    if row.latest_spread().is_some_and(|s| s.disagreement()) {
        Span::styled(text, theme.warning())
    } else {
        Span::raw(text)
    }
}

fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for ch in text.chars() {
        if out.width() + unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0) + 1 > width {
            break;
        }
        out.push(ch);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

fn render_matrix(frame: &mut Frame, area: Rect, state: &SummaryState, theme: Theme) {
    let c = &state.comparison;
    let comparing = state.panel == Panel::Compare;
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Line::from(vec![
            Span::styled(" Scores", theme.heading()),
            Span::styled(" · sorted by ", theme.dim()),
            Span::styled(format!("{} ", state.sort.label()), theme.heading()),
        ]));
    if c.mixed_versions() {
        block = block.title(
            Line::styled(" set edited: matched by question id ", theme.dim())
                .alignment(Alignment::Right),
        );
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }

    // Columns: marker, question, sessions (newest that fit), change, sparkline, spread.
    let width = inner.width;
    let change_w: u16 = 6;
    let rounds = c
        .rows
        .iter()
        .any(|r| r.cells.iter().flatten().any(|cell| cell.before.is_some()));
    let spread_w: u16 = if rounds { 12 } else { 6 };
    let spark_w = cells(c.sessions.len()).clamp(5, 12);
    // Question titles get a fair share first, then as many sessions as fit, newest kept,
    // then any room left goes back to the titles.
    let min_title = (width / 3).clamp(8, 32);
    let fixed = 2 + change_w + spark_w + spread_w + 4;
    let fit_cols = (width.saturating_sub(fixed + min_title) / (SESSION_COL + 1)) as usize;
    let shown = c.sessions.len().min(fit_cols);
    let title_w = width
        .saturating_sub(fixed + cells(shown) * (SESSION_COL + 1))
        .clamp(min_title.min(width), 44);
    let first = c.sessions.len() - shown;
    let same_year = c.sessions[first..]
        .windows(2)
        .all(|w| w[0].date.year() == w[1].date.year());
    let scale = c.scale.as_ref();

    let marker_for = |col: usize| -> &'static str {
        if comparing && col == state.compare_a {
            "A"
        } else if comparing && col == state.compare_b {
            "B"
        } else {
            " "
        }
    };

    let mut header = vec![Cell::from(""), Cell::from("Question")];
    for (col, s) in c.sessions.iter().enumerate().skip(first) {
        header.push(Cell::from(
            Line::from(format!(
                "{}{}",
                marker_for(col).trim(),
                present::short_date_header(s.date, same_year)
            ))
            .alignment(Alignment::Right),
        ));
    }
    header.push(Cell::from(if comparing { "B − A" } else { "Change" }));
    header.push(Cell::from("Trend"));
    header.push(Cell::from("Spread"));

    let pairs = comparing.then(|| c.pair(state.compare_a, state.compare_b));
    let rows: Vec<Row> = state
        .order
        .iter()
        .enumerate()
        .map(|(pos, &r)| {
            let row = &c.rows[r];
            let selected = pos == state.selected;
            let mut cells = vec![
                Cell::from(if selected { "▸" } else { " " }),
                Cell::from(fit(&row.short_title, title_w as usize)),
            ];
            for cell in row.cells.iter().skip(first) {
                let text = cell_text(cell.as_ref(), scale);
                let style = if cell.as_ref().is_some_and(ScoreCell::is_median_fallback) {
                    theme.accent()
                } else {
                    theme.text()
                };
                cells.push(Cell::from(
                    Line::styled(text, style).alignment(Alignment::Right),
                ));
            }
            let change = match &pairs {
                Some(p) => p.get(r).and_then(|p| p.delta),
                None => row.change(),
            };
            cells.push(Cell::from(movement(change, theme)));
            cells.push(Cell::from(Span::styled(
                sparkline(row, scale, spark_w as usize),
                theme.bar(),
            )));
            cells.push(Cell::from(spread(row, theme)));
            let r = Row::new(cells);
            if selected {
                r.style(theme.selected())
            } else {
                r
            }
        })
        .collect();

    let mut mean = vec![
        Cell::from(""),
        Cell::from(Span::styled("Mean", theme.heading())),
    ];
    for s in &c.sessions[first..] {
        let text = present::mean_or_blank(s.mean);
        mean.push(Cell::from(Line::from(text).alignment(Alignment::Right)));
    }

    let mut widths = vec![Constraint::Length(1), Constraint::Length(title_w)];
    widths.extend(std::iter::repeat_n(Constraint::Length(SESSION_COL), shown));
    widths.push(Constraint::Length(change_w));
    widths.push(Constraint::Length(spark_w));
    widths.push(Constraint::Length(spread_w));
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.heading()))
        .footer(Row::new(mean))
        .column_spacing(1);
    let mut table_state = TableState::default().with_selected(Some(state.selected));
    frame.render_stateful_widget(table, inner, &mut table_state);
}

fn render_trend(frame: &mut Frame, area: Rect, state: &SummaryState, theme: Theme) {
    let has_carry = state.carry_forward.is_some();
    let [left, right] = if has_carry && area.width >= 60 {
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area)
    } else {
        [area, Rect::default()]
    };
    render_chart(frame, left, &state.comparison, theme);
    if right.width > 0 {
        render_carry_forward(frame, right, state, theme);
    }
}

fn render_chart(frame: &mut Frame, area: Rect, c: &Comparison, theme: Theme) {
    let means: Vec<String> = c
        .sessions
        .iter()
        .rev()
        .take(4)
        .rev()
        .map(|s| present::mean_or_dash(s.mean))
        .collect();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(" Mean score per session ", theme.heading()))
        .title_bottom(Line::from(format!(" {} ", means.join(" → "))).alignment(Alignment::Right));
    let points: Vec<(f64, f64)> = c
        .sessions
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Some((i as f64, s.mean?)))
        .collect();
    let (ymin, ymax) = c
        .scale
        .as_ref()
        .map_or((1.0, 5.0), |s| (f64::from(s.min), f64::from(s.max)));
    // A line chart needs a row per scale point and one between, or two means a few
    // hundredths apart share a row under a label they are not near. Below that, one bar
    // per session with its mean written out.
    let plot_rows = block.inner(area).height.saturating_sub(2);
    let scale_rows = (ymax - ymin) as u16 * 2 + 1;
    if plot_rows < scale_rows {
        render_mean_bars(frame, area, block, c, (ymin, ymax), theme);
        return;
    }
    let xmax = (c.sessions.len().saturating_sub(1) as f64).max(1.0);
    let first = c
        .sessions
        .first()
        .map(|s| present::date_header(s.date))
        .unwrap_or_default();
    let last = c
        .sessions
        .last()
        .map(|s| present::date_header(s.date))
        .unwrap_or_default();
    let datasets = vec![
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.bar())
            .data(&points),
        Dataset::default()
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(theme.accent())
            .data(&points),
    ];
    let chart = Chart::new(datasets)
        .block(block)
        .x_axis(
            Axis::default()
                .bounds([0.0, xmax])
                .labels([Span::raw(first), Span::raw(last)])
                .style(theme.dim()),
        )
        .y_axis(
            Axis::default()
                .bounds([ymin, ymax])
                .labels(
                    (ymin as u8..=ymax as u8)
                        .map(|v| Span::raw(v.to_string()))
                        .collect::<Vec<_>>(),
                )
                .style(theme.dim()),
        );
    frame.render_widget(chart, area);
}

/// The mean of each session as a bar from the bottom of the scale, with the number: the
/// short-terminal form of the chart, honest to one decimal.
fn render_mean_bars(
    frame: &mut Frame,
    area: Rect,
    block: Block<'static>,
    c: &Comparison,
    (ymin, ymax): (f64, f64),
    theme: Theme,
) {
    const EIGHTHS: [&str; 9] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"];
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = usize::from(inner.height);
    let shown = c.sessions.len().min(rows.max(1));
    let earlier = c.sessions.len() - shown;
    let mut lines = Vec::new();
    let bar_width = usize::from(inner.width).saturating_sub(11 + 5).max(1);
    let sessions = &c.sessions[earlier..];
    let sessions = if earlier > 0 && !sessions.is_empty() {
        lines.push(Line::styled(format!("… {earlier} earlier"), theme.dim()));
        &sessions[1..]
    } else {
        sessions
    };
    for s in sessions {
        let date = present::date_header(s.date);
        let (bar, value) = match s.mean {
            Some(m) => {
                let share = ((m - ymin) / (ymax - ymin).max(1.0)).clamp(0.0, 1.0);
                let eighths = (share * (bar_width * 8) as f64).round() as usize;
                let mut bar = "█".repeat(eighths / 8);
                bar.push_str(EIGHTHS[eighths % 8]);
                (bar, present::mean_or_dash(Some(m)))
            }
            None => (String::new(), present::mean_or_dash(None)),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{date:<11}"), theme.dim()),
            Span::styled(bar, theme.bar()),
            Span::raw(format!(" {value}")),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_carry_forward(frame: &mut Frame, area: Rect, state: &SummaryState, theme: Theme) {
    let Some(cf) = &state.carry_forward else {
        return;
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(
            format!(" Still open, as of {} ", present::date_header(cf.date)),
            theme.heading(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Whole items, wrapped: an owner or a due date is never cut off; what does not fit
    // is counted ("… 2 more (PgDn)").
    let mut lines: Vec<Line<'static>> = Vec::new();
    for r in &cf.revisits {
        lines.push(Line::from(vec![
            Span::styled("↻ ", theme.warning()),
            Span::raw(format!(
                "Revisit: {} ({})",
                r.question.short_title,
                present::raised(&r.origin)
            )),
        ]));
    }
    for a in &cf.actions {
        let mut text = a.action.text.clone();
        if !a.action.owner.is_empty() {
            text.push_str(&format!(" — {}", a.action.owner));
        }
        if let Some(due) = a.action.due {
            text.push_str(&format!(", due {due}"));
        }
        text.push_str(&format!(" ({})", present::raised(&a.origin)));
        lines.push(Line::from(vec![
            Span::styled("☐ ", theme.accent()),
            Span::raw(text),
        ]));
    }
    let lines = scrolled(
        lines,
        inner.width,
        inner.height,
        state.carried_scroll,
        "PgDn",
        theme,
    );
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}

fn render_compare(frame: &mut Frame, area: Rect, state: &SummaryState, theme: Theme) {
    let c = &state.comparison;
    let Some(row_index) = state.selected_row() else {
        return;
    };
    let Some(row) = c.rows.get(row_index) else {
        return;
    };
    let scale = c.scale.as_ref();
    let side = |col: usize, label: &str| -> (String, String) {
        let date = c
            .sessions
            .get(col)
            .map(|s| present::date_header(s.date))
            .unwrap_or_default();
        let cell = row.cells.get(col).and_then(Option::as_ref);
        let head = format!(" {label} · {date} · {} ", cell_text(cell, scale));
        let notes = match c.notes(&state.sessions, col, row_index) {
            None => "Not asked in this session.".to_string(),
            Some("") => "No notes.".to_string(),
            Some(n) => n.to_string(),
        };
        (head, notes)
    };
    let delta = c
        .pair(state.compare_a, state.compare_b)
        .get(row_index)
        .and_then(|p| p.delta);
    let outer = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border())
        .title(Line::from(vec![
            Span::styled(format!(" {} ", row.short_title), theme.heading()),
            movement(delta, theme),
            Span::styled(" from A to B ", theme.dim()),
        ]));
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let [a_area, b_area] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(inner);
    for (col, label, rect) in [
        (state.compare_a, "A", a_area),
        (state.compare_b, "B", b_area),
    ] {
        let (head, notes) = side(col, label);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border())
            .title(Span::styled(head, theme.heading()));
        frame.render_widget(
            Paragraph::new(notes)
                .block(block)
                .wrap(Wrap { trim: true })
                .style(Style::default()),
            rect,
        );
    }
}

fn render_problems(frame: &mut Frame, area: Rect, state: &SummaryState, theme: Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(
            format!(" {} file(s) could not be read ", state.problems.len()),
            theme.warning(),
        ));
    let lines: Vec<Line> = if state.problems.is_empty() {
        vec![Line::from("Every session file was read.")]
    } else {
        state
            .problems
            .iter()
            .map(|p| Line::from(p.as_str()))
            .collect()
    };
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::summary::{SummaryAction, update};
    use crate::domain::compare::{Filter, example_year};
    use crate::domain::session::Session;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn draw(state: &SummaryState, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|f| render(f, f.area(), state, Theme::plain()))
            .unwrap();
        let buffer = terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..buffer.area.height {
            let mut line = String::new();
            for x in 0..buffer.area.width {
                line.push_str(buffer[(x, y)].symbol());
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    fn year() -> SummaryState {
        SummaryState::new(example_year(), Vec::new(), Vec::new(), &Filter::default())
    }

    #[test]
    fn example_year_80x24() {
        insta::assert_snapshot!(draw(&year(), 80, 24));
    }

    #[test]
    fn example_year_120x40() {
        insta::assert_snapshot!(draw(&year(), 120, 40));
    }

    #[test]
    fn compare_panel_80x24() {
        let mut s = year();
        for _ in 0..5 {
            update(&mut s, SummaryAction::NextRow);
        }
        update(&mut s, SummaryAction::ToggleCompare);
        insta::assert_snapshot!(draw(&s, 80, 24));
    }

    #[test]
    fn sorted_with_a_problem_file_120x40() {
        let mut s = SummaryState::new(
            example_year(),
            Vec::new(),
            vec![
                "sessions/broken.ron:3:9: the file ends too early: it may have been cut off".into(),
            ],
            &Filter::default(),
        );
        update(&mut s, SummaryAction::CycleSort);
        update(&mut s, SummaryAction::CycleSort);
        update(&mut s, SummaryAction::CycleSort);
        update(&mut s, SummaryAction::CycleSort);
        insta::assert_snapshot!(draw(&s, 120, 40));
    }

    #[test]
    fn the_screen_says_what_it_shows() {
        let text = draw(&year(), 120, 40);
        // Numbers with shades, medians marked, arrows with signed numbers, flagged spread.
        assert!(text.contains("Space for relationships"));
        assert!(text.contains("▒2.5*"), "{text}");
        assert!(text.contains("↓ −1"), "{text}");
        assert!(text.contains("↑ +0.5"), "{text}");
        assert!(text.contains("1–4 !"), "{text}");
        assert!(text.contains("3.3"), "{text}");
        assert!(text.contains("Still open, as of 2026-10-13"), "{text}");
    }

    fn many(n: usize) -> Vec<Session> {
        let base = example_year();
        (0..n)
            .map(|i| {
                let mut s = base[i % base.len()].clone();
                s.id = uuid::Uuid::from_u128(i as u128 + 1);
                let secs = 1_700_000_000 + i as i64 * 86_400 * 7;
                s.created = jiff::Timestamp::from_second(secs).unwrap();
                s.updated = s.created;
                s
            })
            .collect()
    }

    fn sweep(state: &mut SummaryState) {
        for (w, h) in [
            (0, 0),
            (1, 1),
            (0, 10),
            (10, 0),
            (5, 3),
            (20, 8),
            (40, 12),
            (80, 24),
            (200, 60),
        ] {
            for action in [
                SummaryAction::ToggleCompare,
                SummaryAction::CyclePanel,
                SummaryAction::CyclePanel,
            ] {
                draw(state, w, h);
                update(state, action);
            }
        }
        for w in 0..=90 {
            for h in (0..=30).step_by(3) {
                draw(state, w, h);
            }
        }
    }

    #[test]
    fn no_panic_at_any_size_on_0_1_and_200_sessions() {
        for n in [0, 1, 200] {
            let mut s = SummaryState::new(
                many(n),
                Vec::new(),
                vec!["x.ron:1:1: bad".into()],
                &Filter::default(),
            );
            sweep(&mut s);
        }
        let empty = draw(
            &SummaryState::new(Vec::new(), Vec::new(), Vec::new(), &Filter::default()),
            80,
            24,
        );
        assert!(empty.contains("No sessions to compare yet"), "{empty}");
        let two_hundred = draw(
            &SummaryState::new(many(200), Vec::new(), Vec::new(), &Filter::default()),
            120,
            40,
        );
        assert!(two_hundred.contains("200 sessions"), "{two_hundred}");
    }

    #[test]
    fn sessions_with_no_group_are_named_so_in_the_heading() {
        let mut sessions = example_year();
        for s in &mut sessions {
            s.group = String::new();
        }
        let text = draw(
            &SummaryState::new(sessions, Vec::new(), Vec::new(), &Filter::default()),
            100,
            30,
        );
        let heading = text
            .lines()
            .find(|l| l.contains("sessions"))
            .unwrap_or_default();
        assert!(heading.starts_with("Sessions with no group · "), "{text}");
    }

    #[test]
    fn no_panic_on_differing_set_versions() {
        let mut sessions = example_year();
        let oct = &mut sessions[3];
        oct.question_set.version = 2;
        let mut extra = oct.questions[0].clone();
        extra.id = "inequalities".into();
        extra.short_title = "Health inequalities named in every decision".into();
        oct.questions.remove(9);
        oct.questions.insert(0, extra);
        let jan = &mut sessions[0];
        jan.questions.remove(2);
        let mut s = SummaryState::new(sessions, Vec::new(), Vec::new(), &Filter::default());
        let text = draw(&s, 120, 40);
        assert!(text.contains("matched by question id"), "{text}");
        assert!(text.contains("Health inequalities"), "{text}");
        sweep(&mut s);
    }
}
