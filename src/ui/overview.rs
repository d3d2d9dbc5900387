//! The programme overview screen: questions down, groups across, each cell a group's latest
//! score with its change. Drawn from [`OverviewState`] alone, in the words of [`present`].
//! Groups scroll sideways so the selected one is always in view.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::overview::OverviewState;
use crate::report::overview::{cell_with_change, level_word, scope, spread};
use crate::report::present;

use super::theme::Theme;
use super::widgets::{block, pad, truncate};

const TITLE_W: usize = 26;
const CELL_W: usize = 10;
const TAIL_W: usize = 5 + 9;

pub fn render(frame: &mut Frame, area: Rect, state: &OverviewState, theme: Theme) {
    let o = &state.overview;
    if o.groups.is_empty() {
        let what =
            crate::report::overview::nothing_to_show(state.digests.is_empty(), &state.filter);
        let lines = vec![
            Line::styled("Programme overview", theme.title()),
            Line::default(),
            Line::from(what),
            Line::default(),
            Line::styled(
                "v: another level · f: another question set · q: back",
                theme.dim(),
            ),
        ];
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .block(block(" Overview ", theme)),
            area,
        );
        return;
    }
    let problems = u16::from(!state.problems.is_empty());
    let [top, main, detail, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(4),
        Constraint::Length(4),
        Constraint::Length(problems),
    ])
    .areas(area);
    let heading = vec![
        Line::from(vec![
            Span::styled("Programme overview: ", theme.title()),
            Span::styled(o.set_title.clone(), theme.title()),
        ]),
        Line::styled(
            format!("{} · sort: {}", scope(o, &state.filter), state.sort.label()),
            theme.dim(),
        ),
    ];
    frame.render_widget(Paragraph::new(heading), top);
    render_matrix(frame, main, state, theme);
    render_detail(frame, detail, state, theme);
    if problems > 0 {
        let n = state.problems.len();
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!(
                    "! {n} file{} could not be read and {} not included: see Home or `roundtable list`",
                    if n == 1 { "" } else { "s" },
                    if n == 1 { "is" } else { "are" }
                ),
                theme.warning(),
            )),
            foot,
        );
    }
}

fn render_matrix(frame: &mut Frame, area: Rect, state: &OverviewState, theme: Theme) {
    let o = &state.overview;
    let inner_w = usize::from(area.width.saturating_sub(2));
    let room = (inner_w.saturating_sub(TITLE_W + TAIL_W) / CELL_W).max(1);
    // Scroll sideways just enough to keep the selected group in view.
    let first_group = (state.group + 1).saturating_sub(room);
    let shown = first_group..(first_group + room).min(o.groups.len());
    let inner_h = usize::from(area.height.saturating_sub(3));
    let first_row = (state.row + 1).saturating_sub(inner_h);

    let mut header = vec![Span::styled(pad("Question", TITLE_W), theme.heading())];
    for g in shown.clone() {
        // The selected group is marked by a sign as well as a style: NO_COLOR loses the style.
        let (name, style) = if g == state.group {
            (
                format!("▼{}", truncate(&o.groups[g].name, CELL_W - 2)),
                theme.selected(),
            )
        } else {
            (truncate(&o.groups[g].name, CELL_W - 1), theme.heading())
        };
        header.push(Span::styled(format!("{:>w$}", name, w = CELL_W), style));
    }
    header.push(Span::styled(
        format!("{:>5}{:>9}", "Mean", "Spread"),
        theme.heading(),
    ));
    let mut lines = vec![Line::from(header)];
    for (pos, &r) in state.order.iter().enumerate().skip(first_row).take(inner_h) {
        let row = &o.rows[r];
        let selected_row = pos == state.row;
        let base = if selected_row {
            theme.accent()
        } else {
            theme.text()
        };
        let marker = if selected_row { "▶ " } else { "  " };
        let mut spans = vec![Span::styled(
            format!("{marker}{}", pad(&row.short_title, TITLE_W - 2)),
            base,
        )];
        for g in shown.clone() {
            let cell = row.cells.get(g).and_then(Option::as_ref);
            let text = format!("{:>w$}", cell_with_change(cell), w = CELL_W);
            let style = if selected_row && g == state.group {
                theme.selected()
            } else {
                base
            };
            spans.push(Span::styled(text, style));
        }
        spans.push(Span::styled(
            format!(
                "{:>5}{:>9}",
                present::mean_or_blank(row.mean()),
                spread(row)
            ),
            base,
        ));
        lines.push(Line::from(spans));
    }
    let title = format!(
        " {} of {} groups · {} questions ",
        if shown.len() == o.groups.len() {
            "All".to_string()
        } else {
            format!("{}–{}", shown.start + 1, shown.end)
        },
        o.groups.len(),
        o.rows.len()
    );
    frame.render_widget(Paragraph::new(lines).block(block(title, theme)), area);
}

fn render_detail(frame: &mut Frame, area: Rect, state: &OverviewState, theme: Theme) {
    let o = &state.overview;
    let mut lines = Vec::new();
    if let Some(g) = state.selected_group() {
        lines.push(Line::from(vec![
            Span::styled(g.name.clone(), theme.title()),
            Span::styled(
                format!(
                    " · {} · latest {} · {} session{}",
                    level_word(g.level),
                    present::date_header(g.latest),
                    g.sessions,
                    if g.sessions == 1 { "" } else { "s" }
                ),
                theme.dim(),
            ),
        ]));
    }
    if let Some(row) = state.selected_row().and_then(|r| o.rows.get(r)) {
        let cell = row.cells.get(state.group).and_then(Option::as_ref);
        // Where the question fell furthest, named: the column may be out of view.
        let fall = match row.fall_and_group() {
            Some((g, change)) if change < 0.0 => o.groups.get(g).map_or_else(String::new, |g| {
                format!(
                    "; biggest fall {} in {}",
                    present::change(Some(change)),
                    g.name
                )
            }),
            _ => String::new(),
        };
        lines.push(Line::from(format!(
            "{}: {} here; across groups mean {}, spread {}{fall}",
            row.short_title,
            cell_with_change(cell),
            present::mean_or_dash(row.mean()),
            match spread(row) {
                s if s.is_empty() => "–".to_string(),
                s => s,
            }
        )));
    }
    lines.push(Line::styled(
        "* median of the votes (none agreed) · – not asked · · no votes · ! groups two or more apart",
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}
