//! Reports of a session for people who were not in the room: Markdown for committee
//! papers, CSV for spreadsheets, and one self-contained HTML page that prints to PDF.
//!
//! Pure functions, domain in and text out: writing the text somewhere is the caller's
//! job (the CLI to stdout or a file, the runtime for the review screen's export key), so
//! reports can be checked byte for byte in tests.

pub mod comparison;
pub mod csv;
pub mod files;
pub mod html;
pub mod markdown;
pub mod overview;
pub mod present;

use crate::domain::stats::{ScoreSource, headline_score};
use crate::domain::{Participants, Session, SessionQuestion, Status};

pub use self::comparison::comparison_html;
pub use self::csv::{CsvError, session_questions_csv, session_votes_csv};
pub use self::html::{escape, session_html};
pub use self::markdown::session_markdown;

/// The report formats a session can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Markdown,
    Csv,
    Html,
}

impl Format {
    /// The file extension reports of this format are saved with.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Csv => "csv",
            Format::Html => "html",
        }
    }
}

/// A session report in one format: the main text and, for CSV, the votes file beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub main: String,
    /// One row per vote; only for [`Format::Csv`].
    pub votes_csv: Option<String>,
}

/// Render `session` as `format`. `history` is used by HTML only (see [`session_html`]).
pub fn render_session(
    session: &Session,
    history: &[Session],
    format: Format,
) -> Result<Rendered, CsvError> {
    Ok(match format {
        Format::Markdown => Rendered {
            main: session_markdown(session),
            votes_csv: None,
        },
        Format::Csv => Rendered {
            main: session_questions_csv(session)?,
            votes_csv: Some(session_votes_csv(session)?),
        },
        Format::Html => Rendered {
            main: session_html(session, history),
            votes_csv: None,
        },
    })
}

/// The facts at the top of every session report, in the order a committee paper wants them.
pub(crate) fn session_details(session: &Session) -> [(&'static str, String); 7] {
    [
        ("Date", present::long_date(session.date())),
        ("Group", session.group.clone()),
        ("Level", capitalise(session.level.label())),
        ("Facilitator", session.facilitator.clone()),
        ("Took part", participants_line(&session.participants)),
        (
            "Question set",
            format!(
                "{} (version {})",
                session.question_set.title, session.question_set.version
            ),
        ),
        ("Status", capitalise(session.status.label())),
    ]
}

/// What every report of a session that is not finished says on its first line, so a
/// draft is never read as the record.
pub(crate) fn unfinished_notice(session: &Session) -> Option<&'static str> {
    (session.status != Status::Complete).then_some(
        "Not finished: this report was written while the session was still in progress, so scores and notes may still change.",
    )
}

/// Who took part, in words: names when recorded, otherwise how many seats.
pub(crate) fn participants_line(participants: &Participants) -> String {
    match participants {
        Participants::Named(names) => format!("{} ({})", names.join(", "), names.len()),
        Participants::Seats(1) => "1 person (names not recorded)".to_string(),
        Participants::Seats(n) => format!("{n} people (names not recorded)"),
    }
}

/// The agreed score with its label ("3 – Partly"); without one, the median of the votes
/// marked as such, so a reader never mistakes a median for a decision.
pub(crate) fn agreed_line(session: &Session, question: &SessionQuestion) -> String {
    let scale = &session.question_set.scale;
    match headline_score(question, scale) {
        Some((score, ScoreSource::Agreed)) => {
            let whole = score as u8;
            match scale.label(whole) {
                Some(label) => format!("{} – {label}", present::score(score)),
                None => present::score(score),
            }
        }
        Some((median, ScoreSource::Median)) => {
            format!("not agreed (median of votes {})", present::score(median))
        }
        None => "not scored".to_string(),
    }
}

/// The agreed score as a phrase for lists: "agreed score 2 – A little", or "not agreed
/// (median of votes 2.5)".
pub(crate) fn score_phrase(session: &Session, question: &SessionQuestion) -> String {
    let line = agreed_line(session, question);
    if question.agreed.is_some() {
        format!("agreed score {line}")
    } else {
        line
    }
}

/// "scores from 2 to 4", or "all scores 3" when the room agreed.
pub(crate) fn spread_words(stats: &crate::domain::stats::VoteStats) -> String {
    match (stats.min, stats.max) {
        (Some(lo), Some(hi)) if lo != hi => format!("scores from {lo} to {hi}"),
        (Some(lo), Some(_)) if stats.scores == 1 => format!("one score of {lo}"),
        (Some(lo), Some(_)) => format!("all scores {lo}"),
        _ => "no scores".to_string(),
    }
}

/// First letter upper-cased, for labels that start a table cell.
pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "3" or "3 (median)": the compact form used in tables and charts.
pub(crate) fn headline_short(session: &Session, question: &SessionQuestion) -> String {
    match headline_score(question, &session.question_set.scale) {
        Some((score, ScoreSource::Agreed)) => present::score(score),
        Some((median, ScoreSource::Median)) => format!("{} (median)", present::score(median)),
        None => "–".to_string(),
    }
}

#[cfg(test)]
pub(crate) mod fixture {
    //! A session with everything a report shows, including text that tries to break it.

    use jiff::Timestamp;
    use uuid::Uuid;

    use crate::domain::question_set::{Question, QuestionSet, fixture};
    use crate::domain::{ActionItem, Level, Participants, Session, SessionSetup, Status, Vote};

    pub fn set() -> QuestionSet {
        QuestionSet {
            id: "tiny".into(),
            version: 2,
            title: "Tiny set".into(),
            source: fixture::source(),
            description: String::new(),
            scale: fixture::one_to_five(),
            questions: vec![
                Question {
                    id: "q1".into(),
                    short_title: "Decisions | in public".into(),
                    text: "Are decisions taken once, in public?".into(),
                    prompts: vec![],
                },
                Question {
                    id: "q2".into(),
                    short_title: "Voices".into(),
                    text: "Do voices <b>inform</b> needs?".into(),
                    prompts: vec![],
                },
            ],
        }
    }

    pub fn session() -> Session {
        let setup = SessionSetup {
            title: "Spring review".into(),
            group: "North & East Place".into(),
            facilitator: "Zoë Adébáyọ̀".into(),
            participants: Participants::Named(vec!["Ann".into(), "Bob \"B\"".into(), "李".into()]),
            level: Level::Place,
            planned_minutes: 60,
        };
        let created: Timestamp = "2026-03-12T10:00:00Z"
            .parse()
            .unwrap_or(Timestamp::UNIX_EPOCH);
        let mut s = Session::new(&set(), setup, Uuid::from_u128(0x1234), created);
        s.updated = created;
        s.status = Status::Complete;
        s.questions[0].votes = vec![Vote::Score(3), Vote::Score(4), Vote::Abstain];
        s.questions[0].agreed = Some(3);
        s.questions[0].notes =
            "Good, but slow.\n- minutes \"late\", often\n- agendas | unclear 🎉".into();
        s.questions[0].actions = vec![ActionItem {
            text: "Publish minutes\nwithin a week".into(),
            owner: "Bob | clerk".into(),
            due: "2026-04-01".parse().ok(),
            done: false,
            origin: None,
        }];
        s.questions[1].votes = vec![Vote::Score(1), Vote::Score(4), Vote::Pending];
        s.questions[1].notes = "<script>alert('x')</script> & more".into();
        s.questions[1].revisit = true;
        s.reflections = "We ran out of time.\n\nNext time: start with q2.".into();
        s
    }
}
