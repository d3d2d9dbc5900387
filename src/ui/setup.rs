//! The new-session form, with a preview of the chosen question set.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::Shared;
use crate::app::setup::{Field, SetupForm};

use super::theme::Theme;
use super::widgets::{block, truncate};

pub fn render(frame: &mut Frame, area: Rect, form: &SetupForm, app: &Shared, theme: Theme) {
    let (form_area, preview_area) = if area.width >= 110 {
        let [l, r] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(area);
        (l, r)
    } else {
        let [t, b] = Layout::vertical([Constraint::Length(12), Constraint::Min(0)]).areas(area);
        (t, b)
    };
    render_form(frame, form_area, app, form, theme);
    render_preview(frame, preview_area, app, form, theme);
}

fn render_form(frame: &mut Frame, area: Rect, app: &Shared, form: &SetupForm, theme: Theme) {
    let outer = block(" New session ", theme);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let mut constraints: Vec<Constraint> =
        Field::ALL.iter().map(|_| Constraint::Length(1)).collect();
    constraints.push(Constraint::Length(1));
    constraints.push(Constraint::Min(0));
    let rows = Layout::vertical(constraints).split(inner);
    let label_width = 19u16;
    for (i, field) in Field::ALL.iter().enumerate() {
        let focused = form.focus == *field;
        let [l, f] = Layout::horizontal([Constraint::Length(label_width), Constraint::Min(1)])
            .areas(rows[i]);
        let marker = if focused { "▶ " } else { "  " };
        let style = if focused {
            theme.heading()
        } else {
            theme.dim()
        };
        frame.render_widget(
            Paragraph::new(Span::styled(format!("{marker}{}", field.label()), style)),
            l,
        );
        match field {
            Field::Level => choice(frame, f, form.level.label(), focused, theme),
            Field::Voting => choice(frame, f, form.voting.label(), focused, theme),
            Field::QuestionSet => {
                let name = app
                    .sets
                    .get(form.set_index)
                    .map_or("(none)", |s| s.id.as_str());
                choice(frame, f, name, focused, theme);
            }
            _ => {
                let Some(area_text) = form.field(*field) else {
                    continue;
                };
                if focused {
                    frame.render_widget(area_text, f);
                } else {
                    let value = area_text.lines().join(" ");
                    let shown = if value.is_empty() && *field == Field::Title {
                        Span::styled(form.default_title.clone(), theme.dim())
                    } else if value.is_empty() && *field == Field::Participants {
                        Span::styled(form.default_participants.clone(), theme.dim())
                    } else if value.is_empty() && *field == Field::Group {
                        Span::styled(form.default_group.clone(), theme.dim())
                    } else if value.is_empty() && *field == Field::Facilitator {
                        Span::styled(form.default_facilitator.clone(), theme.dim())
                    } else {
                        Span::raw(value)
                    };
                    frame.render_widget(Paragraph::new(shown), f);
                }
            }
        }
    }
    let note = match &form.error {
        Some(e) => Line::styled(format!("⚠ {e}"), theme.warning()),
        None => {
            let hint = form.focus.hint();
            let title_default = if form.focus == Field::Title {
                format!("empty: \"{}\"", form.default_title)
            } else if form.focus == Field::Participants {
                format!(
                    "{hint}; empty: \"{}\"",
                    truncate(&form.default_participants, 40)
                )
            } else {
                hint.to_string()
            };
            Line::styled(title_default, theme.dim())
        }
    };
    let n = Field::ALL.len();
    frame.render_widget(Paragraph::new(note).wrap(Wrap { trim: true }), rows[n + 1]);
}

fn choice(frame: &mut Frame, area: Rect, value: &str, focused: bool, theme: Theme) {
    let text = if focused {
        format!("◀ {value} ▶")
    } else {
        value.to_string()
    };
    let style = if focused {
        theme.selected()
    } else {
        theme.text()
    };
    frame.render_widget(Paragraph::new(Span::styled(text, style)), area);
}

fn render_preview(frame: &mut Frame, area: Rect, app: &Shared, form: &SetupForm, theme: Theme) {
    let Some(set) = app.sets.get(form.set_index) else {
        frame.render_widget(
            Paragraph::new("No question sets available.").block(block(" Question set ", theme)),
            area,
        );
        return;
    };
    let mut lines = vec![
        Line::styled(set.title.clone(), theme.heading()),
        Line::styled(
            format!(
                "{}, {} ({}) · version {}",
                set.source.publisher, set.source.title, set.source.year, set.version
            ),
            theme.dim(),
        ),
    ];
    let scale: Vec<String> = set
        .scale
        .points()
        .map(|p| format!("{p} {}", set.scale.label(p).unwrap_or("")))
        .collect();
    lines.push(Line::from(format!("Scale: {}", scale.join(" · "))));
    for (i, q) in set.questions.iter().enumerate() {
        lines.push(Line::from(format!("{:>2}. {}", i + 1, q.short_title)));
    }
    let title = format!(" {} questions ", set.questions.len());
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(block(title, theme)),
        area,
    );
}
