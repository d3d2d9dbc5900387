//! The presenter on the projector: the question large, the scale, how many have voted and,
//! once the facilitator reveals them, the spread, median and agreed score.
//!
//! It never draws a participant's name or a vote beside a person, and no notes unless the
//! facilitator chose to show a question's (`N`): the room sees the group, not who said what. Any size draws something sensible; nothing here is
//! refused for being small, because the projector's size is not the facilitator's choice.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::presenter::Presenter;
use crate::domain::rounds::{SilenceNow, Voting};
use crate::domain::stats::VoteStats;
use crate::domain::{Session, SessionQuestion, Status, Vote};
use crate::report::present;

use super::room::{big, big_fits};
use super::theme::Theme;
use super::widgets::{centred_lines, clock, label_width, most_votes, pad, wrapped_height};

pub fn render(frame: &mut Frame, p: &Presenter, theme: Theme) {
    let area = frame.area();
    let Some(session) = &p.session else {
        centred_lines(
            frame,
            area,
            vec![
                Line::styled("Roundtable", theme.title()),
                Line::from(""),
                Line::from(format!("Waiting for a session in progress in {}", p.folder)),
                Line::styled(
                    "Start or resume one in the facilitator's Roundtable; this window follows it.",
                    theme.dim(),
                ),
            ],
        );
        return;
    };
    if session.status == Status::Complete {
        centred_lines(
            frame,
            area,
            vec![
                Line::styled(session.title.clone(), theme.title()),
                Line::from(""),
                Line::styled("Finished. Thank you.", theme.heading()),
            ],
        );
        return;
    }
    let current = session
        .current_question
        .min(session.questions.len().saturating_sub(1));
    let Some(q) = session.questions.get(current) else {
        centred_lines(
            frame,
            area,
            vec![Line::from("This session has no questions.")],
        );
        return;
    };
    // Margins: text across a whole projector wall is hard to read.
    let margin = (area.width / 12).min(12);
    let inner = area.inner(ratatui::layout::Margin::new(margin, 0));
    let text_height = wrapped_height(&q.text, inner.width)
        .min(area.height / 3)
        .max(1);
    let scale_text = scale_words(session);
    let scale_height = wrapped_height(&scale_text, inner.width).min(2);
    let number_height = if area.height >= 34 { 4 } else { 1 };
    // Notes only when the facilitator chose to show this question's (`N`).
    // At most what the screen could show: a megabyte of notes is not wrapped per frame.
    let cells = usize::from(inner.width) * usize::from(inner.height);
    let notes_text = if q.notes_on_presenter {
        super::widgets::first_chars(q.notes.trim(), 2 * cells)
    } else {
        ""
    };
    let notes_height = if notes_text.is_empty() {
        0
    } else {
        wrapped_height(notes_text, inner.width.saturating_sub(2))
            .min(area.height / 4)
            .saturating_add(2)
    };
    let [number, _, question, _, scale, _, main, notes, footer] = Layout::vertical([
        Constraint::Length(number_height),
        Constraint::Length(1),
        Constraint::Length(text_height),
        Constraint::Length(1),
        Constraint::Length(scale_height),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(notes_height),
        Constraint::Length(1),
    ])
    .areas(inner);

    let n = session.questions.len();
    let round = match q.round_number() {
        1 => String::new(),
        r => format!(" · round {r}"),
    };
    if number_height > 1 {
        big(
            frame,
            number,
            &format!("{}/{n}", current + 1),
            theme.title(),
        );
    } else {
        frame.render_widget(
            Paragraph::new(Line::styled(
                format!("Question {} of {n}{round}", current + 1),
                theme.title(),
            ))
            .alignment(Alignment::Center),
            number,
        );
    }
    frame.render_widget(
        Paragraph::new(q.text.as_str())
            .style(theme.heading())
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        question,
    );
    frame.render_widget(
        Paragraph::new(Line::styled(scale_text, theme.dim()))
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        scale,
    );
    render_main(frame, main, p, session, q, &round, theme);
    if notes_height > 0 {
        frame.render_widget(
            Paragraph::new(notes_text)
                .wrap(Wrap { trim: false })
                .block(super::widgets::block(" Notes ", theme)),
            notes,
        );
    }
    let follows = format!("Following “{}”", session.title);
    frame.render_widget(
        Paragraph::new(Line::styled(follows, theme.dim())).alignment(Alignment::Center),
        footer,
    );
}

/// "1 Not at all · 2 A little · … · 5 Fully".
fn scale_words(session: &Session) -> String {
    let scale = &session.question_set.scale;
    scale
        .points()
        .map(|p| {
            format!("{p} {}", scale.label(p).unwrap_or(""))
                .trim()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The silence, the count of votes, or (revealed) the spread.
fn render_main(
    frame: &mut Frame,
    area: Rect,
    p: &Presenter,
    session: &Session,
    q: &SessionQuestion,
    round: &str,
    theme: Theme,
) {
    let mut area = area;
    match session.silence.map(|s| s.at(p.now)) {
        Some(SilenceNow::Running { left }) => {
            let used = big(frame, area, &clock(u64::from(left)), theme.heading());
            let rest = below(area, used + 1);
            frame.render_widget(
                Paragraph::new(Line::styled(
                    "Silence: think about your score",
                    theme.heading(),
                ))
                .alignment(Alignment::Center),
                rest,
            );
            return;
        }
        Some(SilenceNow::JustEnded) => {
            // A gentle cue: words in the accent colour, no flashing, no sound.
            frame.render_widget(
                Paragraph::new(Line::styled(
                    "Time. When you are ready, score.",
                    theme.accent(),
                ))
                .alignment(Alignment::Center),
                area,
            );
            area = below(area, 2);
        }
        Some(SilenceNow::Over) | None => {}
    }
    if q.revealed {
        render_revealed(frame, area, session, q, theme);
    } else {
        render_count(frame, area, session, q, round, theme);
    }
}

/// `area` without its first `rows` rows.
fn below(area: Rect, rows: u16) -> Rect {
    let rows = rows.min(area.height);
    Rect {
        y: area.y + rows,
        height: area.height - rows,
        ..area
    }
}

/// Before the reveal: how many have voted, in big digits, and nothing of what.
fn render_count(
    frame: &mut Frame,
    area: Rect,
    session: &Session,
    q: &SessionQuestion,
    round: &str,
    theme: Theme,
) {
    let cast = q.votes.iter().filter(|v| **v != Vote::Pending).count();
    let seats = q.votes.len();
    let count = format!("{cast} of {seats}");
    let waiting = if cast == seats {
        " · everyone has voted"
    } else if session.voting == Voting::Private {
        " · scores stay private until revealed"
    } else {
        ""
    };
    // The count in words too: the big digits are for the back of the room, the words for
    // anyone (and anything) reading the screen as text.
    let words = format!("{}{waiting}{round}", present::voted(cast, seats));
    let used = if big_fits(area, &count) {
        big(frame, area, &count, theme.heading())
    } else {
        0
    };
    frame.render_widget(
        Paragraph::new(vec![Line::from(""), Line::styled(words, theme.heading())])
            .alignment(Alignment::Center),
        below(area, used),
    );
}

/// After the reveal: bars per scale point, the median and range, before → after of a
/// second round, and the agreed score large.
fn render_revealed(
    frame: &mut Frame,
    area: Rect,
    session: &Session,
    q: &SessionQuestion,
    theme: Theme,
) {
    let scale = &session.question_set.scale;
    let stats = VoteStats::of(&q.votes, scale);
    let label_width = label_width(scale, 16);
    let bar_room = usize::from(area.width)
        .saturating_sub(label_width + 12)
        .clamp(1, 40);
    let most = most_votes(&stats);
    let width = label_width + bar_room + 10;
    let mut lines: Vec<Line> = stats
        .distribution
        .iter()
        .rev()
        .map(|&(score, count)| {
            let bar = if count > 0 {
                (count * bar_room).div_ceil(most).max(1)
            } else {
                0
            };
            let text = format!(
                "{score:>2} {} {} {count}",
                pad(scale.label(score).unwrap_or(""), label_width),
                "█".repeat(bar)
            );
            Line::from(vec![Span::styled(pad(&text, width), theme.bar())])
        })
        .collect();
    let summary = match stats.median {
        Some(m) => format!(
            "median {} · range {}",
            present::score(m),
            present::range(stats.min, stats.max)
        ),
        None => "no scores".to_string(),
    };
    let abstain = match stats.abstentions {
        0 => String::new(),
        1 => " · 1 chose not to score".to_string(),
        n => format!(" · {n} chose not to score"),
    };
    lines.push(Line::from(""));
    lines.push(Line::styled(format!("{summary}{abstain}"), theme.heading()));
    // In the same words as the facilitator's screen (counts, never names).
    lines.extend(super::widgets::agreement_line(&stats, theme));
    if let Some(change) = q.round_change(scale) {
        lines.push(Line::styled(
            format!(
                "Round {}: {} ({})",
                change.round,
                present::round_change(&change),
                present::agreement_change(&change)
            ),
            theme.accent(),
        ));
    }
    let height = lines
        .iter()
        .map(|l| wrapped_height(&l.to_string(), area.width))
        .fold(0u16, u16::saturating_add);
    let [bars, agreed] =
        Layout::vertical([Constraint::Length(height), Constraint::Min(0)]).areas(area);
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        bars,
    );
    if let Some(a) = q.agreed {
        let agreed = below(agreed, 1);
        let label = scale.label(a).unwrap_or("");
        // Big only with a row left for its words.
        let room = Rect {
            height: agreed.height.saturating_sub(1),
            ..agreed
        };
        let (used, words) = if big_fits(room, &a.to_string()) {
            (
                big(frame, room, &a.to_string(), theme.title()),
                format!("agreed: {label}"),
            )
        } else {
            (0, format!("Agreed: {a} {label}"))
        };
        let rest = below(agreed, used);
        frame.render_widget(
            Paragraph::new(Line::styled(words, theme.heading())).alignment(Alignment::Center),
            rest,
        );
    }
}
