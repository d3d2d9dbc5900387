//! The room on the facilitator's screen: private votes shown as "✓ voted", before → after
//! of a second round, the silence before scoring, and the screen of passing the laptop.
//! Also the big digits the presenter shares.

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};

use crate::app::OpenSession;
use crate::app::room::Pass;
use crate::domain::rounds::SilenceNow;
use crate::domain::{Scale, SessionQuestion, Vote};
use crate::report::present;

use super::theme::Theme;
use super::widgets::{block, clock};

/// Whether `text` fits `area` in big digits (the smallest of them: 4×4 cells a character).
pub fn big_fits(area: Rect, text: &str) -> bool {
    let chars = u16::try_from(text.chars().count()).unwrap_or(u16::MAX);
    chars.saturating_mul(4) <= area.width && area.height >= 4
}

/// `text` in the biggest digits that fit `area`, centred; plain text when none do.
/// Returns the rows used, from the top of `area`.
pub fn big(frame: &mut Frame, area: Rect, text: &str, style: Style) -> u16 {
    let chars = u16::try_from(text.chars().count()).unwrap_or(u16::MAX);
    // (pixel size, columns and rows per character of the 8×8 font)
    let sizes = [
        (PixelSize::Full, 8, 8),
        (PixelSize::HalfHeight, 8, 4),
        (PixelSize::Quadrant, 4, 4),
    ];
    for (size, w, h) in sizes {
        if chars.saturating_mul(w) <= area.width && h <= area.height {
            let rect = Rect { height: h, ..area };
            let widget = BigText::builder()
                .pixel_size(size)
                .style(style)
                .alignment(Alignment::Center)
                .lines(vec![Line::from(text.to_string())])
                .build();
            frame.render_widget(widget, rect);
            return h;
        }
    }
    let rect = Rect {
        height: area.height.min(1),
        ..area
    };
    frame.render_widget(
        Paragraph::new(Span::styled(text.to_string(), style)).alignment(Alignment::Center),
        rect,
    );
    rect.height
}

/// How a vote shows while the round's scores are hidden: whether, never what.
pub fn hidden_vote_text(vote: Vote) -> &'static str {
    match vote {
        Vote::Pending => "–  not yet",
        Vote::Score(_) | Vote::Abstain => "✓  voted",
    }
}

/// The spread panel while the scores are hidden: counts only.
pub fn hidden_spread(frame: &mut Frame, area: Rect, q: &SessionQuestion, theme: Theme) {
    let cast = q.votes.iter().filter(|v| **v != Vote::Pending).count();
    let mut lines = vec![
        Line::styled(present::voted(cast, q.votes.len()), theme.heading()),
        Line::styled("Scores are private until revealed.", theme.dim()),
        Line::from(vec![
            Span::styled("v", theme.key()),
            Span::raw(" reveals them, here and on the presenter"),
        ]),
    ];
    lines.extend(round_lines(q, None, theme));
    let title = format!(" Spread · round {} ", q.round_number());
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(block(title, theme)),
        area,
    );
}

/// Rows [`round_lines`] takes for a question.
pub fn round_rows(q: &SessionQuestion) -> u16 {
    if q.round_number() < 2 { 0 } else { 2 }
}

/// "Round 2: spread 1–5 ! → 3–4" and "median 3 → 3.5 · 2 of 4 moved", once a question has
/// a second round; before the new round is revealed only the round is named.
pub fn round_lines(q: &SessionQuestion, scale: Option<&Scale>, theme: Theme) -> Vec<Line<'static>> {
    if q.round_number() < 2 {
        return Vec::new();
    }
    let round = q.round_number();
    match scale.and_then(|s| q.round_change(s)) {
        Some(change) => vec![
            Line::styled(
                format!("Round {round}: {}", present::round_spread(&change)),
                theme.accent(),
            ),
            Line::styled(
                format!("  {}", present::round_median_moved(&change)),
                theme.accent(),
            ),
        ],
        None => vec![Line::styled(
            format!("Round {round}: round {} is kept", round - 1),
            theme.dim(),
        )],
    }
}

/// The silence over the question screen: big minutes and seconds while it runs, then a
/// gentle word that it is time. Nothing once it is over.
pub fn silence_overlay(
    frame: &mut Frame,
    area: Rect,
    open: &OpenSession,
    now: Timestamp,
    theme: Theme,
) {
    let Some(silence) = open.session.silence else {
        return;
    };
    let (big_text, words) = match silence.at(now) {
        SilenceNow::Running { left } => (
            clock(u64::from(left)),
            "Silence: think before scoring (T ends it)",
        ),
        SilenceNow::JustEnded => (String::new(), "Time. When you are ready, score."),
        SilenceNow::Over => return,
    };
    let width = 44u16.min(area.width);
    let height = if big_text.is_empty() { 3 } else { 7 }.min(area.height);
    let popup = Rect {
        x: area.x + area.width.saturating_sub(width) / 2,
        y: area.y + area.height.saturating_sub(height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, popup);
    let outer = block(" Silence ", theme).border_style(theme.accent());
    let inner = outer.inner(popup);
    frame.render_widget(outer, popup);
    let used = if big_text.is_empty() {
        0
    } else {
        big(frame, inner, &big_text, theme.heading())
    };
    let rest = Rect {
        y: inner.y + used,
        height: inner.height.saturating_sub(used),
        ..inner
    };
    frame.render_widget(
        Paragraph::new(Line::styled(words, theme.heading()))
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        rest,
    );
}

/// The laptop going round: only the person whose turn it is, the question and the scale.
/// Nobody else's name or score is on it, so the next person sees nothing of the last.
pub fn render_pass(
    frame: &mut Frame,
    area: Rect,
    open: &OpenSession,
    q: &SessionQuestion,
    pass: &Pass,
    theme: Theme,
) {
    frame.render_widget(Clear, area);
    let names = open.session.participants.display_names();
    let scale = &open.session.question_set.scale;
    let outer = block(" Pass the laptop ", theme).border_style(theme.key());
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let [question, _, who, _, scale_area, _, after] = Layout::vertical([
        Constraint::Length(super::widgets::wrapped_height(&q.text, inner.width).min(6)),
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Length(super::widgets::cells(scale.points().count())),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(q.text.as_str())
            .style(theme.heading())
            .wrap(Wrap { trim: true }),
        question,
    );
    let name = |i: usize| names.get(i).cloned().unwrap_or_default();
    let who_lines = match pass.person {
        Some(p) => vec![
            Line::styled(
                // A first digit waiting for a second (`1` of `10`) shows as `1_`.
                match pass.pending {
                    Some(first) => format!("{}, your score: {}_", name(p), first.digit),
                    None => format!("{}, your score:", name(p)),
                },
                theme.title(),
            ),
            Line::styled(
                format!(
                    "type {}–{}, or - to choose not to score; nobody else sees it",
                    scale.min, scale.max
                ),
                theme.dim(),
            ),
        ],
        None => vec![
            Line::styled("Everyone has voted. Thank you.", theme.title()),
            Line::styled(
                "Hand the laptop back to the facilitator (Esc).",
                theme.dim(),
            ),
        ],
    };
    frame.render_widget(Paragraph::new(who_lines), who);
    let points: Vec<Line> = scale
        .points()
        .map(|p| {
            Line::from(vec![
                Span::styled(format!("{p:>3} "), theme.key()),
                Span::raw(scale.label(p).unwrap_or("").to_string()),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(points), scale_area);
    if let Some(last) = pass.last {
        let text = format!(
            "✓ Thank you, {}. (Backspace, {}: change your score)",
            name(last),
            name(last)
        );
        frame.render_widget(
            Paragraph::new(Line::styled(text, theme.good())).wrap(Wrap { trim: true }),
            after,
        );
    }
}
