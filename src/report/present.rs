//! How a number reads as text, decided once: the summary screen, Home, `roundtable list`,
//! `summary --format …` and every session report call these, so the same score, change,
//! trend, spread, shade, mean or date reads the same wherever a facilitator meets it.
//!
//! Pure functions over domain values: no ratatui, no files. Colour and styling stay with
//! whoever draws (the screen's theme, the HTML classes); only the words and numbers are here.
//!
//! The conventions, in one place:
//! - **Rounding**: one rule, half away from zero at one decimal ([`round1`]): a mean of 3.25
//!   reads `3.3` and 2.75 reads `2.8`, on every screen and in every format.
//! - **Scores** drop a whole number's decimal (`3`, `2.5`); **means** always keep one
//!   (`3.0`, `3.3`), so a mean is never mistaken for a score someone gave.
//! - **Signs**: people read a change with a true minus sign, `−1` (U+2212, the width of a
//!   digit, and not mistaken for a hyphen or a bullet), in text, Markdown, HTML and on screen.
//!   CSV carries no signed values: its scores and means ([`score`], [`mean`]) are plain
//!   ASCII numbers a spreadsheet parses; a signed CSV column would not go through [`change`].
//! - **Spread**: `3` when everyone gave the same score, `2–4` otherwise (an en dash), and one
//!   marker for a spread wide enough to discuss: ` !`.

use jiff::civil::Date;

use crate::domain::compare::{Cell, QuestionRow, Spread, Trend};
use crate::domain::question_set::Scale;
use crate::domain::rounds::RoundChange;
use crate::domain::session::Origin;
use crate::domain::stats::{Camp, Proposal, Split, VoteStats};

/// Round half away from zero to one decimal place.
///
/// A mean is a sum over a small count, so it lands on an exact half far more often than
/// chance; binary fractions put some of those halves a hair below (2.65 is stored as
/// 2.6499…). Anything within a billionth of a half is treated as the half it stands for.
pub fn round1(value: f64) -> f64 {
    let tenths = value * 10.0;
    let nudged = tenths + tenths.signum() * 1e-9;
    // `+ 0.0` turns a negative zero into zero, so nothing ever reads "-0".
    nudged.round() / 10.0 + 0.0
}

/// A score: whole numbers without a decimal point (`3`), others to one decimal (`2.5`).
pub fn score(value: f64) -> String {
    let r = round1(value);
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// A mean score, always to one decimal: `3.3`, `3.0`.
pub fn mean(value: f64) -> String {
    format!("{:.1}", round1(value))
}

/// What a session mean is made of, when medians stand in for agreed scores: said in the
/// reports' sentence so a reader knows the mean is not of agreed scores alone.
pub fn median_stand_ins(medians: usize) -> String {
    match medians {
        0 => String::new(),
        1 => " (one of them the median of the votes, no score having been agreed)".to_string(),
        n => format!(" ({n} of them the median of the votes, no score having been agreed)"),
    }
}

/// A mean where there may be none, in a list: `–` when nothing was scored.
pub fn mean_or_dash(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), mean)
}

/// A mean where there may be none, in a table cell: empty when nothing was scored.
pub fn mean_or_blank(value: Option<f64>) -> String {
    value.map(mean).unwrap_or_default()
}

/// Marks a median standing in for an agreed score in a matrix cell.
pub const MEDIAN_MARK: &str = "*";

/// A cell of a comparison: the score, `*` when it is the median of the votes standing in for
/// a missing agreed score, `–` when the session did not ask the question, `·` when it was
/// asked but nobody scored it.
pub fn score_cell(cell: Option<&Cell>) -> String {
    match cell {
        None => "–".to_string(),
        Some(c) => match c.score() {
            None => "·".to_string(),
            Some(v) if c.is_median_fallback() => format!("{}{MEDIAN_MARK}", score(v)),
            Some(v) => score(v),
        },
    }
}

/// A change between two scores as a signed number: `+1`, `−0.5`, `0`; empty when there is
/// nothing to compare.
pub fn change(value: Option<f64>) -> String {
    match value.map(round1) {
        None => String::new(),
        Some(c) if c > 0.0 => format!("+{}", score(c)),
        Some(c) if c < 0.0 => format!("−{}", score(-c)),
        Some(_) => "0".to_string(),
    }
}

/// A change with its arrow, for the screen and HTML where an arrow carries it without
/// colour: `↑ +1`, `↓ −0.5`, `→ 0`; empty when there is nothing to compare.
pub fn change_arrow(value: Option<f64>) -> String {
    match value {
        None => String::new(),
        Some(c) => format!("{} {}", arrow(Trend::of_change(c)), change(Some(c))),
    }
}

fn arrow(trend: Trend) -> &'static str {
    match trend {
        Trend::Up => "↑",
        Trend::Down => "↓",
        Trend::Flat => "→",
    }
}

/// The direction of a whole series in words: `↑ up`, `↓ down`, `→ flat`; empty when there
/// is no trend to speak of (fewer than two scored sessions).
pub fn trend(trend: Option<Trend>) -> String {
    let Some(t) = trend else {
        return String::new();
    };
    let word = match t {
        Trend::Up => "up",
        Trend::Down => "down",
        Trend::Flat => "flat",
    };
    format!("{} {word}", arrow(t))
}

/// Marks a spread of votes wide enough to talk about before agreeing.
pub const WIDE_MARK: &str = "!";

/// The lowest and highest score cast: `3` when they are the same, `2–4` otherwise, `–` with
/// no scores. Without the wide marker: for tables that say "views differed" in words.
pub fn range(min: Option<u8>, max: Option<u8>) -> String {
    match (min, max) {
        (Some(lo), Some(hi)) if lo != hi => format!("{lo}–{hi}"),
        (Some(lo), Some(_)) => lo.to_string(),
        _ => "–".to_string(),
    }
}

/// A spread with the wide marker when the scores are far enough apart: `3`, `2–3`, `1–4 !`.
pub fn spread(s: Spread) -> String {
    let text = range(Some(s.min), Some(s.max));
    if s.disagreement() {
        format!("{text} {WIDE_MARK}")
    } else {
        text
    }
}

/// The spread of one question's votes as the review screen lists it: as [`spread`], or
/// "no votes".
pub fn vote_spread(stats: &VoteStats) -> String {
    match (stats.min, stats.max) {
        (Some(min), Some(max)) => spread(Spread { min, max }),
        _ => "no votes".to_string(),
    }
}

/// The newest session's spread, after the round before it when the question was scored
/// twice, so a board sees whether discussion converged: `1–5 ! → 3–4`.
pub fn spread_after_rounds(row: &QuestionRow) -> String {
    let now = spread_or_blank(row.latest_spread());
    let before = row
        .cells
        .last()
        .and_then(Option::as_ref)
        .and_then(|c| c.before);
    match before {
        Some(before) if !now.is_empty() => format!("{} → {now}", spread(before)),
        _ => now,
    }
}

/// A spread where there may be none (nobody scored): empty.
pub fn spread_or_blank(s: Option<Spread>) -> String {
    s.map(spread).unwrap_or_default()
}

/// A split vote in words, never averaged away: `split: 3 at 1, 3 at 5, nobody between`
/// (a camp spanning scores reads `2 at 4–5`).
pub fn split(split: &Split) -> String {
    let camp = |c: &Camp| format!("{} at {}", c.people, range(Some(c.lowest), Some(c.highest)));
    format!(
        "split: {}, {}, nobody between",
        camp(&split.low),
        camp(&split.high)
    )
}

/// How far a question's votes agree, as the facilitator's screen and the projector both say
/// it: a warning to talk first, or a reassurance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Agreement {
    Warning(String),
    Good(String),
}

/// The one way every screen says how far the votes agree: a split in words (`⚠ split: 3 at
/// 1, 3 at 5, nobody between`), a wide spread and its size (`⚠ Wide spread, 4 points:
/// discuss first`), or `✓ Scores are close`. `None` before anyone has scored. Counts only,
/// never names: the projector shows it too.
pub fn agreement(stats: &VoteStats) -> Option<Agreement> {
    if let Some(s) = stats.split() {
        Some(Agreement::Warning(format!("⚠ {}", split(&s))))
    } else if stats.disagreement() {
        Some(Agreement::Warning(format!(
            "⚠ Wide spread, {} points: discuss first",
            stats.range().unwrap_or(0)
        )))
    } else if stats.scores > 0 {
        Some(Agreement::Good("✓ Scores are close".to_string()))
    } else {
        None
    }
}

/// Why the proposed agreed score is what it is, when the median shown does not say it
/// alone: `median 2.5, rounded towards the middle`, or `the median: nobody gave 3`.
pub fn proposal_reason(proposal: &Proposal) -> Option<String> {
    if proposal.rounded {
        Some(format!(
            "median {}, rounded towards the middle",
            score(proposal.median)
        ))
    } else if proposal.nobody_gave_it {
        Some(format!("the median: nobody gave {}", proposal.score))
    } else {
        None
    }
}

/// Where a carried item was first raised, short: `from 2026-10-13`.
pub fn raised(origin: &Origin) -> String {
    format!("from {}", date_header(origin.date))
}

/// The same with the session's title, where there is room: `from “Q4 roundtable”, 2026-10-13`.
pub fn raised_in(origin: &Origin) -> String {
    format!("from “{}”, {}", origin.title, date_header(origin.date))
}

/// How many shades a score can take, bottom of the scale to the top: one per point of a
/// 1–5 scale, so neighbouring scores never share a shade there.
pub const SHADE_STEPS: usize = 5;

/// The screen's glyph for each shade step. The lowest is no shade at all, as on paper; the
/// number beside it is always the truth.
const SHADE_GLYPHS: [&str; SHADE_STEPS] = [" ", "░", "▒", "▓", "█"];

/// Which shade step (0 = lightest, [`SHADE_STEPS`] − 1 = darkest) a score takes on its
/// scale; a 1–5 scale is assumed when the comparison has none. The HTML report uses the
/// step as its class (`s0`–`s4`), the screen as a glyph ([`shade`]).
pub fn shade_step(value: f64, scale: Option<&Scale>) -> usize {
    let (min, max) = scale.map_or((1.0, 5.0), |s| (f64::from(s.min), f64::from(s.max)));
    let span = (max - min).max(1.0);
    let fraction = ((value - min) / span).clamp(0.0, 1.0);
    let steps = (SHADE_STEPS - 1) as f64;
    // Within 0..=steps after the clamp; `min` guards the cast all the same.
    (round1(fraction * steps).round() as usize).min(SHADE_STEPS - 1)
}

/// The shade glyph of a score on the screen: ` ` lowest, then ░ ▒ ▓ █.
pub fn shade(value: f64, scale: Option<&Scale>) -> &'static str {
    SHADE_GLYPHS[shade_step(value, scale)]
}

/// A session column's heading: the ISO date, `2026-01-20`, unambiguous in any country and
/// sorting as text.
pub fn date_header(date: Date) -> String {
    date.to_string()
}

/// The same heading in the five characters the summary screen's columns have: `01-20`
/// (month-day) when every session shown is in one year, `26-01` (year-month) when not.
pub fn short_date_header(date: Date, same_year: bool) -> String {
    if same_year {
        format!("{:02}-{:02}", date.month(), date.day())
    } else {
        format!("{:02}-{:02}", date.year() % 100, date.month())
    }
}

/// A date as people write it in papers: "15 January 2026".
pub fn long_date(date: Date) -> String {
    date.strftime("%-d %B %Y").to_string()
}

/// A date on a chart's axis, where a month is precise enough: "Jan 2026".
pub fn month_label(date: Date) -> String {
    date.strftime("%b %Y").to_string()
}

/// 3412 as "3,412": a count a person reads at a glance.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A session's short id: the first 8 hex digits, as `list` shows it and `export` takes it
/// (and as the session's file name ends).
pub fn short_id(id: uuid::Uuid) -> String {
    id.simple().to_string().chars().take(8).collect()
}

/// The levels the sessions were held at, in words: "place", or "neighbourhood, place"
/// when they differ (each once, in the order met).
pub fn levels(levels: impl IntoIterator<Item = crate::domain::Level>) -> String {
    let mut seen = Vec::new();
    for level in levels {
        if !seen.contains(&level) {
            seen.push(level);
        }
    }
    seen.iter()
        .map(|l| l.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// How many of the room have voted: `4 of 6 voted`.
pub fn voted(cast: usize, seats: usize) -> String {
    format!("{cast} of {seats} voted")
}

/// How many people gave a different score in the later round: `2 of 5 moved`.
pub fn moved(change: &RoundChange) -> String {
    format!("{} of {} moved", change.moved, change.compared)
}

/// The change in agreement between two rounds, from the range of their scores: `narrower
/// by 2`, `wider by 1`, `same spread`; empty when a round has no scores.
pub fn agreement_change(change: &RoundChange) -> String {
    match change.narrowed_by() {
        None => String::new(),
        Some(0) => "same spread".to_string(),
        Some(n) if n > 0 => format!("narrower by {n}"),
        Some(n) => format!("wider by {}", -n),
    }
}

/// Before → after of a question scored twice, in one line for the screens and reports:
/// `spread 1–5 ! → 3–4 · median 3 → 3.5 · 2 of 5 moved`.
pub fn round_change(change: &RoundChange) -> String {
    format!("{} · {}", round_spread(change), round_median_moved(change))
}

/// The first half of [`round_change`], for a narrow screen: `spread 1–5 ! → 3–4`.
pub fn round_spread(change: &RoundChange) -> String {
    format!(
        "spread {} → {}",
        vote_spread(&change.before),
        vote_spread(&change.after)
    )
}

/// The second half of [`round_change`]: `median 3 → 3.5 · 2 of 5 moved`.
pub fn round_median_moved(change: &RoundChange) -> String {
    let median = |stats: &VoteStats| stats.median.map_or_else(|| "–".to_string(), score);
    format!(
        "median {} → {} · {}",
        median(&change.before),
        median(&change.after),
        moved(change)
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_read_at_a_glance() {
        assert_eq!(super::count(4), "4");
        assert_eq!(super::count(10_000), "10,000");
        assert_eq!(super::count(1_234_567), "1,234,567");
    }

    use super::*;
    use crate::domain::compare::QuestionRow;
    use crate::domain::question_set::fixture::one_to_five;
    use crate::domain::stats::ScoreSource;

    fn cell(headline: Option<(f64, ScoreSource)>) -> Cell {
        Cell {
            headline,
            agreed: None,
            median: None,
            min: None,
            max: None,
            scores: 0,
            abstentions: 0,
            revisit: false,
            before: None,
            moved: None,
        }
    }

    #[test]
    fn short_ids_and_levels_read_plainly() {
        use crate::domain::Level;
        let id: uuid::Uuid = "de00b439-09cc-4c73-b223-c238b41a1e99".parse().unwrap();
        assert_eq!(short_id(id), "de00b439");
        assert_eq!(levels([Level::Place, Level::Place]), "place");
        assert_eq!(
            levels([Level::System, Level::Place, Level::System]),
            "system, place"
        );
    }

    fn row(scores: &[Option<f64>]) -> QuestionRow {
        QuestionRow {
            id: "q".into(),
            short_title: "Q".into(),
            cells: scores
                .iter()
                .map(|s| Some(cell(s.map(|v| (v, ScoreSource::Agreed)))))
                .collect(),
        }
    }

    #[test]
    fn scores_and_cells() {
        assert_eq!(score(3.0), "3");
        assert_eq!(score(2.5), "2.5");
        assert_eq!(score(2.96), "3", "rounds first, then drops the decimal");
        assert_eq!(
            score_cell(Some(&cell(Some((3.0, ScoreSource::Agreed))))),
            "3"
        );
        assert_eq!(
            score_cell(Some(&cell(Some((2.5, ScoreSource::Median))))),
            "2.5*"
        );
        assert_eq!(score_cell(Some(&cell(None))), "·");
        assert_eq!(score_cell(None), "–");
    }

    #[test]
    fn means_round_half_away_from_zero_to_one_decimal() {
        assert_eq!(mean(3.25), "3.3");
        assert_eq!(mean(2.75), "2.8");
        assert_eq!(mean(3.0), "3.0");
        assert_eq!(mean(2.65), "2.7", "26.5 / 10, stored a hair below 2.65");
        assert_eq!(mean(2.2), "2.2");
        assert_eq!(mean(-0.04), "0.0", "never a negative zero");
        assert_eq!(mean(13.0 / 4.0), "3.3");
        assert_eq!(mean_or_dash(None), "–");
    }

    #[test]
    fn changes_carry_one_sign_convention() {
        assert_eq!(change(Some(1.0)), "+1");
        assert_eq!(change(Some(-1.0)), "−1");
        assert_eq!(change(Some(0.0)), "0");
        assert_eq!(change(Some(0.5)), "+0.5");
        assert_eq!(change(None), "");
        assert_eq!(change_arrow(Some(1.0)), "↑ +1");
        assert_eq!(change_arrow(Some(-0.5)), "↓ −0.5");
        assert_eq!(change_arrow(Some(0.0)), "→ 0");
        assert_eq!(change_arrow(None), "");
    }

    #[test]
    fn trends_read_the_whole_series() {
        let t = |s: &[Option<f64>]| trend(row(s).trend());
        assert_eq!(t(&[Some(2.0), Some(2.0), Some(3.0), Some(3.0)]), "↑ up");
        assert_eq!(t(&[Some(4.0), Some(3.0), Some(3.0), Some(3.0)]), "↓ down");
        assert_eq!(t(&[Some(3.0), Some(3.0), Some(3.0)]), "→ flat");
        assert_eq!(t(&[Some(3.0)]), "", "a single session has no trend");
        assert_eq!(t(&[Some(2.0), None, Some(3.0)]), "↑ up", "a gap is skipped");
        assert_eq!(t(&[Some(2.0), None, None]), "", "one scored session");
    }

    #[test]
    fn spreads() {
        let s = |min, max| spread(Spread { min, max });
        assert_eq!(s(3, 3), "3");
        assert_eq!(s(2, 3), "2–3");
        assert_eq!(s(2, 4), "2–4 !");
        assert_eq!(s(1, 4), "1–4 !");
        assert_eq!(range(None, None), "–");
        assert_eq!(range(Some(2), Some(4)), "2–4", "tables without the marker");
        assert_eq!(spread_or_blank(None), "");
        let votes = |v: &[u8]| {
            let votes: Vec<crate::domain::Vote> =
                v.iter().map(|&s| crate::domain::Vote::Score(s)).collect();
            vote_spread(&VoteStats::of(&votes, &one_to_five()))
        };
        assert_eq!(votes(&[3, 3]), "3");
        assert_eq!(votes(&[2, 4, 3]), "2–4 !");
        assert_eq!(votes(&[]), "no votes");
    }

    #[test]
    fn splits_and_proposals_in_words() {
        let stats = |v: &[u8]| {
            let votes: Vec<crate::domain::Vote> =
                v.iter().map(|&s| crate::domain::Vote::Score(s)).collect();
            VoteStats::of(&votes, &one_to_five())
        };
        let room = stats(&[1, 1, 1, 5, 5, 5]);
        assert_eq!(
            room.split().map(|s| split(&s)).as_deref(),
            Some("split: 3 at 1, 3 at 5, nobody between")
        );
        assert_eq!(
            stats(&[1, 2, 4, 5, 5])
                .split()
                .map(|s| split(&s))
                .as_deref(),
            Some("split: 2 at 1–2, 3 at 4–5, nobody between")
        );
        let reason = |v: &[u8]| stats(v).proposal().and_then(|p| proposal_reason(&p));
        assert_eq!(
            reason(&[1, 1, 1, 5, 5, 5]).as_deref(),
            Some("the median: nobody gave 3")
        );
        assert_eq!(
            reason(&[2, 3]).as_deref(),
            Some("median 2.5, rounded towards the middle")
        );
        assert_eq!(reason(&[2, 3, 3]), None, "the median says it");
    }

    #[test]
    fn shades_span_the_scale() {
        let scale = one_to_five();
        let steps: Vec<usize> = [1.0, 2.0, 2.5, 3.0, 4.0, 5.0]
            .iter()
            .map(|&v| shade_step(v, Some(&scale)))
            .collect();
        assert_eq!(steps, [0, 1, 2, 2, 3, 4]);
        assert_eq!(shade(1.0, Some(&scale)), " ", "scale minimum");
        assert_eq!(shade(3.0, Some(&scale)), "▒", "scale middle");
        assert_eq!(shade(5.0, Some(&scale)), "█", "scale maximum");
        assert_eq!(shade(9.0, None), "█", "off the scale stays on it");
        assert_eq!(shade(0.0, None), " ");
    }

    #[test]
    fn dates() {
        let d: Date = "2026-01-20".parse().unwrap_or_default();
        assert_eq!(date_header(d), "2026-01-20");
        assert_eq!(short_date_header(d, true), "01-20");
        assert_eq!(short_date_header(d, false), "26-01");
        assert_eq!(long_date(d), "20 January 2026");
        assert_eq!(month_label(d), "Jan 2026");
    }

    #[test]
    fn a_second_round_reads_before_and_after() {
        use crate::domain::Vote::{Pending, Score};
        let scale = one_to_five();
        let change = RoundChange {
            round: 2,
            before: VoteStats::of(&[Score(1), Score(5), Score(3)], &scale),
            after: VoteStats::of(&[Score(3), Score(4), Pending], &scale),
            moved: 2,
            compared: 2,
        };
        assert_eq!(
            round_change(&change),
            "spread 1–5 ! → 3–4 · median 3 → 3.5 · 2 of 2 moved"
        );
        assert_eq!(agreement_change(&change), "narrower by 3");
        assert_eq!(voted(4, 6), "4 of 6 voted");
    }
}
