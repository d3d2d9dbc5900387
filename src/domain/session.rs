//! A session: one sitting of a group with a question set, as saved in its RON file.
//!
//! The file is meant to be read by a person in an editor, so each question carries its
//! own text, votes, agreed score, notes and actions together, in the order asked.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use std::collections::HashSet;

use super::question_set::{QuestionSet, Scale, check_question_count, is_valid_id, times_seen};
use super::ron_format::{self, FormatError, Problems};
use super::rounds::{Round, Silence, Voting, check_rounds, check_silence};

/// The session file format this build writes. A file with a larger number was written by a
/// newer Roundtable and is refused rather than half-understood.
pub const FORMAT_VERSION: u32 = 1;

/// Default planned length of a session, in minutes.
pub const DEFAULT_PLANNED_MINUTES: u32 = 60;

/// The longest session that can be planned: a day. Pacing against more means nothing.
pub const MAX_PLANNED_MINUTES: u32 = 24 * 60;

/// Unnamed seats a new session has when nobody says who is coming: a typical small group.
pub const DEFAULT_SEATS: u16 = 5;

/// Limits that keep a hostile or mistaken file from making the app unusable.
pub const MAX_PARTICIPANTS: usize = 200;
/// The longest notes (per question) or reflections, in bytes: hundreds of pages, and
/// still quick to edit and draw.
pub const MAX_NOTE_BYTES: usize = 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub format_version: u32,
    pub id: Uuid,
    pub title: String,
    /// The partnership or team; the summary compares sessions of one group.
    pub group: String,
    pub facilitator: String,
    pub participants: Participants,
    pub level: Level,
    pub created: Timestamp,
    pub updated: Timestamp,
    #[serde(default)]
    pub finished: Option<Timestamp>,
    pub status: Status,
    #[serde(default = "default_planned_minutes")]
    pub planned_minutes: u32,
    /// Where the facilitator was, so a resumed session opens on the same question.
    #[serde(default)]
    pub current_question: usize,
    /// Open votes, or private until the facilitator reveals them (see `rounds`).
    #[serde(default, skip_serializing_if = "Voting::is_open")]
    pub voting: Voting,
    /// The silence before scoring last asked for (`T`), so the presenter shows it too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub silence: Option<Silence>,
    /// The set as it was used: an old session stays readable after the set is edited.
    pub question_set: SetSnapshot,
    pub questions: Vec<SessionQuestion>,
    #[serde(default)]
    pub reflections: String,
    /// Participants (by position) marked absent mid-session: kept, never deleted, and
    /// skipped by voting. Written only when someone is absent, so files stay as before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub absent: Vec<usize>,
    /// When a finished session was opened again to be changed: a finished record is not
    /// rewritten silently, so each reopening is kept.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reopened: Vec<Timestamp>,
    /// The group's earlier sessions whose open actions and revisit flags were copied into
    /// this one when it started (`None` for a session from before items were carried). What
    /// they left open is answered here, so they are not read for open items again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<Vec<Uuid>>,
}

pub(crate) fn default_planned_minutes() -> u32 {
    DEFAULT_PLANNED_MINUTES
}

/// Who took part: names, or a number of unnamed seats when names are not recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Participants {
    Named(Vec<String>),
    Seats(u16),
}

/// The level the group works at, in the guide's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Level {
    Neighbourhood,
    Place,
    System,
    #[default]
    NotSet,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Status {
    #[default]
    InProgress,
    Complete,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetSnapshot {
    pub id: String,
    pub version: u32,
    pub title: String,
    pub scale: Scale,
}

/// One question as asked in this session, with everything the group said about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionQuestion {
    pub id: String,
    pub short_title: String,
    pub text: String,
    /// One vote per participant, in the order of `participants`.
    pub votes: Vec<Vote>,
    #[serde(default)]
    pub agreed: Option<u8>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub actions: Vec<ActionItem>,
    #[serde(default)]
    pub revisit: bool,
    /// Where a revisit flag carried from an earlier session was first raised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revisit_origin: Option<Origin>,
    #[serde(default)]
    pub seconds_spent: u32,
    /// Earlier rounds of votes, oldest first, kept when the group scored again after
    /// discussing (`R`); `votes` is always the round being taken now.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier_rounds: Vec<Round>,
    /// The facilitator revealed this round's votes (`v`): the presenter shows the spread.
    #[serde(default, skip_serializing_if = "is_false")]
    pub revealed: bool,
    /// The facilitator chose to show this question's notes on the presenter (`N`): by
    /// default the room never sees notes, which may name people.
    #[serde(default, skip_serializing_if = "is_false")]
    pub notes_on_presenter: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A participant's vote on one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Vote {
    /// Not asked yet, or not recorded.
    #[default]
    Pending,
    Score(u8),
    /// The participant chose not to score: always allowed.
    Abstain,
}

/// Something the group agreed to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionItem {
    pub text: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub due: Option<Date>,
    #[serde(default)]
    pub done: bool,
    /// Where an action carried from an earlier session was first raised; `None` for one
    /// raised in this session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

/// The session an open item was first raised in, and on which question: it travels with
/// the item from session to session, so each file says where its carried items came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Origin {
    pub session: Uuid,
    pub date: Date,
    pub title: String,
    /// The question's id, and its short title as it was then.
    pub question: String,
    pub question_title: String,
}

fn too_long(what: &str, bytes: usize) -> String {
    format!(
        "{what} are {} KiB, over the {} KiB limit: move some of the text elsewhere",
        bytes / 1024,
        MAX_NOTE_BYTES / 1024
    )
}

/// A problem with a session file's contents.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
    #[error("{0}")]
    Format(FormatError),
    #[error(
        "written by a newer Roundtable (format_version {found}; this one reads up to {FORMAT_VERSION}): update Roundtable to open it"
    )]
    NewerVersion { found: u32 },
    #[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<FormatError>),
}

impl SessionError {
    /// Each problem with its own position.
    pub fn problems(&self) -> Vec<FormatError> {
        match self {
            SessionError::Format(e) => vec![e.clone()],
            SessionError::NewerVersion { .. } => vec![FormatError::new(1, 1, self.to_string())],
            SessionError::Invalid(errs) => errs.clone(),
        }
    }
}

/// Only the version, read leniently first so a newer file is reported as such rather than
/// as a list of unknown fields.
#[derive(Deserialize)]
struct VersionProbe {
    format_version: u32,
}

impl Participants {
    pub fn count(&self) -> usize {
        match self {
            Participants::Named(names) => names.len(),
            Participants::Seats(n) => usize::from(*n),
        }
    }

    /// Names to show: the recorded ones, or "Seat 1", "Seat 2"… for unnamed seats.
    pub fn display_names(&self) -> Vec<String> {
        match self {
            Participants::Named(names) => names.clone(),
            Participants::Seats(n) => (1..=*n).map(|i| format!("Seat {i}")).collect(),
        }
    }

    /// Parse the setup form's field: a number means unnamed seats, otherwise
    /// comma-separated names (blank entries dropped).
    pub fn parse(input: &str) -> Option<Participants> {
        let trimmed = input.trim();
        if let Ok(n) = trimmed.parse::<u16>() {
            return (n > 0 && usize::from(n) <= MAX_PARTICIPANTS).then_some(Participants::Seats(n));
        }
        let names: Vec<String> = trimmed
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        (!names.is_empty() && names.len() <= MAX_PARTICIPANTS).then_some(Participants::Named(names))
    }

    /// A name given twice (ignoring case and spaces round it), which would make votes
    /// ambiguous: the setup form, `new` and adding a latecomer refuse it.
    pub fn named_twice(&self) -> Option<&str> {
        let Participants::Named(names) = self else {
            return None;
        };
        let mut seen = HashSet::new();
        names
            .iter()
            .find(|n| !seen.insert(n.trim().to_lowercase()))
            .map(String::as_str)
    }

    /// How a person would type these participants back in.
    pub fn to_input(&self) -> String {
        match self {
            Participants::Named(names) => names.join(", "),
            Participants::Seats(n) => n.to_string(),
        }
    }
}

impl Level {
    pub const ALL: [Level; 4] = [
        Level::Neighbourhood,
        Level::Place,
        Level::System,
        Level::NotSet,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Level::Neighbourhood => "neighbourhood",
            Level::Place => "place",
            Level::System => "system",
            Level::NotSet => "not set",
        }
    }
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::InProgress => "in progress",
            Status::Complete => "complete",
        }
    }
}

impl Vote {
    pub fn score(self) -> Option<u8> {
        match self {
            Vote::Score(s) => Some(s),
            _ => None,
        }
    }
}

/// What a facilitator fills in to start a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionSetup {
    pub title: String,
    pub group: String,
    pub facilitator: String,
    pub participants: Participants,
    pub level: Level,
    pub planned_minutes: u32,
}

/// A session's mean score and what it is made of (see [`Session::mean_score`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeanScore {
    pub value: f64,
    /// Questions with a score (agreed, or a median standing in).
    pub questions: usize,
    /// Of those, how many stand in with the median of the votes.
    pub medians: usize,
}

/// A session asked for, from the new-session form or `roundtable new`: which question set,
/// and how the session is set up. Created by the runtime, which gives it an id and a time.
#[derive(Debug, Clone, PartialEq)]
pub struct NewSession {
    pub set_id: String,
    pub setup: SessionSetup,
    pub voting: Voting,
}

impl SessionSetup {
    /// The title of a session left untitled: "Roundtable 2 December 2026", so the list
    /// still tells sessions apart by when they were held.
    pub fn default_title(date: Date) -> String {
        format!("Roundtable {}", date.strftime("%-d %B %Y"))
    }
}

/// Planned minutes as a person types them: a whole number from 1 to
/// [`MAX_PLANNED_MINUTES`], or what to type instead (for the setup form and `--minutes`).
pub fn parse_planned_minutes(input: &str) -> Result<u32, String> {
    match input.trim().parse::<u32>() {
        Ok(m) if (1..=MAX_PLANNED_MINUTES).contains(&m) => Ok(m),
        _ => Err(format!(
            "type a number of minutes from 1 to {MAX_PLANNED_MINUTES}, e.g. {DEFAULT_PLANNED_MINUTES}"
        )),
    }
}

impl Session {
    /// A fresh session on `set`. The id and time come from the caller so this stays pure.
    pub fn new(set: &QuestionSet, setup: SessionSetup, id: Uuid, now: Timestamp) -> Session {
        let seats = setup.participants.count();
        Session {
            format_version: FORMAT_VERSION,
            id,
            title: setup.title,
            group: setup.group,
            facilitator: setup.facilitator,
            participants: setup.participants,
            level: setup.level,
            created: now,
            updated: now,
            finished: None,
            status: Status::InProgress,
            planned_minutes: setup.planned_minutes,
            current_question: 0,
            voting: Voting::Open,
            silence: None,
            question_set: SetSnapshot {
                id: set.id.clone(),
                version: set.version,
                title: set.title.clone(),
                scale: set.scale.clone(),
            },
            questions: set
                .questions
                .iter()
                .map(|q| {
                    SessionQuestion::unanswered(
                        &q.id,
                        &q.short_title,
                        &q.text,
                        vec![Vote::Pending; seats],
                    )
                })
                .collect(),
            reflections: String::new(),
            absent: Vec::new(),
            reopened: Vec::new(),
            carried_from: None,
        }
    }

    /// Parse and validate a session file's text.
    pub fn from_ron(source: &str) -> Result<Session, SessionError> {
        // A file as Roundtable writes it is read without the general parser, several times
        // faster (see `quick_read`); anything else, and anything with a problem, is read
        // again below so that every error is told the one way.
        if let Some(session) = super::quick_read::read_session(source)
            && session.format_version <= FORMAT_VERSION
            && session.problems(source).is_empty()
        {
            return Ok(session);
        }
        // Parse once; only a file that fails is probed for its version, so a newer file is
        // reported as such rather than as unknown fields (probing every file doubled the
        // cost of loading a large sessions folder).
        let session: Session = match ron_format::from_str(source) {
            Ok(session) => session,
            Err(e) => {
                return Err(
                    match ron_format::options().from_str::<VersionProbe>(source) {
                        Ok(probe) if probe.format_version > FORMAT_VERSION => {
                            SessionError::NewerVersion {
                                found: probe.format_version,
                            }
                        }
                        _ => SessionError::Format(e),
                    },
                );
            }
        };
        if session.format_version > FORMAT_VERSION {
            return Err(SessionError::NewerVersion {
                found: session.format_version,
            });
        }
        let problems = session.problems(source);
        if problems.is_empty() {
            Ok(session)
        } else {
            Err(SessionError::Invalid(problems))
        }
    }

    pub fn is_finished(&self) -> bool {
        self.status == Status::Complete
    }

    /// Open a finished session to change it: in progress again until finished again, the
    /// reopening kept in the file.
    pub fn reopen(&mut self, now: Timestamp) {
        self.status = Status::InProgress;
        self.finished = None;
        self.reopened.push(now.max(self.created));
    }

    /// Mark the session changed at `now`. Never before it was created, even if the
    /// computer's clock was set back meanwhile: such a file would be refused on reading.
    pub fn touch(&mut self, now: Timestamp) {
        self.updated = now.max(self.created);
    }

    pub fn to_ron(&self) -> Result<String, ron::Error> {
        ron_format::to_string(self)
    }

    /// Checks serde cannot express: votes per participant, scores on the scale, ids unique
    /// and safe, names unique, times in order, numbers in range. Linear in the file's size.
    pub fn problems(&self, source: &str) -> Vec<FormatError> {
        let mut out = Problems::new(source);
        if self.format_version == 0 {
            out.add("format_version:", 0, || {
                "format_version 0 is not a Roundtable format: the first is 1".into()
            });
        }
        let scale = &self.question_set.scale;
        for msg in scale.problems() {
            out.add("scale:", 0, || msg);
        }
        let seats = self.participants.count();
        if seats == 0 {
            out.add("participants:", 0, || {
                "the session has no participants".into()
            });
        }
        if seats > MAX_PARTICIPANTS {
            out.add("participants:", 0, || {
                format!(
                    "{seats} participants is more than the {MAX_PARTICIPANTS} Roundtable supports"
                )
            });
        }
        if let Participants::Named(names) = &self.participants
            && seats <= MAX_PARTICIPANTS
        {
            let mut seen = HashSet::new();
            for (i, name) in names.iter().enumerate() {
                if name.trim().is_empty() {
                    out.add("participants:", 0, || {
                        format!(
                            "participant {} has no name: give every participant a name, or use Seats({seats})",
                            i + 1
                        )
                    });
                } else if !seen.insert(name.trim()) {
                    out.add(&format!("{name:?}"), 1, || {
                        format!(
                            "participant {name:?} is named twice: votes would be ambiguous; tell them apart (e.g. {:?})",
                            format!("{} B", name.trim())
                        )
                    });
                }
            }
        }
        if let Some(&i) = self.absent.iter().find(|&&i| i >= seats) {
            out.add("absent:", 0, || {
                format!("absent lists participant {} of {seats}: remove it", i + 1)
            });
        }
        if !(1..=MAX_PLANNED_MINUTES).contains(&self.planned_minutes) {
            out.add("planned_minutes:", 0, || {
                format!(
                    "planned_minutes {} is outside 1–{MAX_PLANNED_MINUTES} (a day)",
                    self.planned_minutes
                )
            });
        }
        if self.updated < self.created {
            out.add("updated:", 0, || {
                format!(
                    "updated {} is before created {}",
                    self.updated, self.created
                )
            });
        }
        match (self.status, self.finished) {
            (Status::Complete, None) => out.add("status:", 0, || {
                "a Complete session needs finished: the time it was finished (or set status: InProgress)".into()
            }),
            (_, Some(finished)) if finished < self.created => out.add("finished:", 0, || {
                format!("finished {finished} is before created {}", self.created)
            }),
            _ => {}
        }
        if let Some(t) = self.reopened.iter().find(|t| **t < self.created) {
            out.add("reopened:", 0, || {
                format!("reopened {t} is before created {}", self.created)
            });
        }
        if self.reflections.len() > MAX_NOTE_BYTES {
            out.add("reflections:", 0, || {
                too_long("the reflections", self.reflections.len())
            });
        }
        check_question_count(&mut out, self.questions.len(), "session");
        let ids = self.questions.iter().map(|q| q.id.as_str());
        for (q, nth) in self.questions.iter().zip(times_seen(ids)) {
            let quoted = format!("{:?}", q.id);
            if !is_valid_id(&q.id) {
                out.add(&quoted, nth, || {
                    format!(
                        "question id {:?} must be non-empty letters, digits, '-' or '_'",
                        q.id
                    )
                });
            } else if nth > 0 {
                out.add(&quoted, nth, || {
                    format!("question id {:?} is used more than once", q.id)
                });
            }
            if q.votes.len() != seats {
                out.add(&quoted, nth, || {
                    format!(
                        "question {:?} has {} votes but the session has {seats} participants",
                        q.id,
                        q.votes.len()
                    )
                });
            }
            for vote in &q.votes {
                if let Vote::Score(s) = vote
                    && !scale.contains(*s)
                {
                    out.add(&quoted, nth, || {
                        format!(
                            "question {:?} has a vote of {s}, outside the scale {}–{}",
                            q.id, scale.min, scale.max
                        )
                    });
                }
            }
            if let Some(a) = q.agreed
                && !scale.contains(a)
            {
                out.add(&quoted, nth, || {
                    format!(
                        "question {:?} has an agreed score of {a}, outside the scale {}–{}",
                        q.id, scale.min, scale.max
                    )
                });
            }
            check_rounds(&mut out, q, &quoted, nth, seats, scale);
            if q.notes.len() > MAX_NOTE_BYTES {
                out.add(&quoted, nth, || {
                    too_long(&format!("question {:?}'s notes", q.id), q.notes.len())
                });
            }
        }
        check_silence(&mut out, self.silence.as_ref());
        if self.current_question >= self.questions.len().max(1) {
            out.add("current_question:", 0, || {
                format!(
                    "current_question {} is past the last question",
                    self.current_question
                )
            });
        }
        out.finish()
    }

    /// Why this session could not be read back once saved, if its notes or reflections
    /// are over [`MAX_NOTE_BYTES`]: a save refuses it rather than write a file that loads
    /// as a problem.
    pub fn too_long_text(&self) -> Option<String> {
        if self.reflections.len() > MAX_NOTE_BYTES {
            return Some(too_long("the reflections", self.reflections.len()));
        }
        self.questions
            .iter()
            .find(|q| q.notes.len() > MAX_NOTE_BYTES)
            .map(|q| too_long(&format!("the notes on {:?}", q.short_title), q.notes.len()))
    }

    /// Questions with an agreed score or at least one score cast.
    pub fn answered_count(&self) -> usize {
        self.questions.iter().filter(|q| q.is_answered()).count()
    }

    /// The session's mean score, as the summary shows it: each question's agreed score, or
    /// the median of its votes where none was agreed, over the questions that have one.
    /// The one mean of a session: Home, `list`, the summary and every report use it.
    pub fn mean_score(&self) -> Option<MeanScore> {
        let scale = &self.question_set.scale;
        let mut sum = 0.0;
        let mut questions = 0;
        let mut medians = 0;
        for q in &self.questions {
            if let Some((score, source)) = super::stats::headline_score(q, scale) {
                sum += score;
                questions += 1;
                medians += usize::from(source == super::stats::ScoreSource::Median);
            }
        }
        (questions > 0).then(|| MeanScore {
            value: sum / questions as f64,
            questions,
            medians,
        })
    }

    /// The calendar date the session was held, in UTC (stable across machines).
    pub fn date(&self) -> Date {
        self.created.to_zoned(jiff::tz::TimeZone::UTC).date()
    }

    /// Questions with an agreed score.
    pub fn agreed_count(&self) -> usize {
        self.questions.iter().filter(|q| q.agreed.is_some()).count()
    }

    /// Every action, in question order, with the (0-based) number of its question.
    pub fn all_actions(&self) -> impl Iterator<Item = (usize, &SessionQuestion, &ActionItem)> {
        self.questions
            .iter()
            .enumerate()
            .flat_map(|(i, q)| q.actions.iter().map(move |a| (i, q, a)))
    }

    /// Actions not yet done, with the question they came from.
    pub fn open_actions(&self) -> impl Iterator<Item = (&SessionQuestion, &ActionItem)> {
        self.all_actions()
            .filter(|(_, _, a)| !a.done)
            .map(|(_, q, a)| (q, a))
    }

    /// Add a latecomer: a new seat at the end, not voted on every question so far. Unnamed
    /// seats stay unnamed when no name is given; a name turns them into named ones.
    pub fn add_participant(&mut self, name: &str) -> Result<(), String> {
        let name = name.trim();
        let count = self.participants.count();
        if count >= MAX_PARTICIPANTS {
            return Err(format!(
                "{count} participants is the most Roundtable supports"
            ));
        }
        let next = match (&self.participants, name.is_empty()) {
            (Participants::Seats(n), true) => Participants::Seats(n.saturating_add(1)),
            (Participants::Named(_), true) => {
                return Err("Type the latecomer's name, then Enter".into());
            }
            (other, false) => {
                let mut names = other.display_names();
                names.push(name.to_string());
                Participants::Named(names)
            }
        };
        if let Some(twice) = next.named_twice() {
            return Err(format!(
                "{:?} is already here; names must differ (e.g. \"{} B\")",
                twice.trim(),
                twice.trim()
            ));
        }
        self.participants = next;
        for q in &mut self.questions {
            q.votes.push(Vote::Pending);
            // Earlier rounds keep a vote per participant too, or the file would be refused.
            for round in &mut q.earlier_rounds {
                round.votes.push(Vote::Pending);
            }
        }
        Ok(())
    }

    /// Mark participant `i` absent, or back again; true if now absent.
    pub fn toggle_absent(&mut self, i: usize) -> bool {
        if let Some(at) = self.absent.iter().position(|&a| a == i) {
            self.absent.remove(at);
            false
        } else {
            self.absent.push(i);
            self.absent.sort_unstable();
            true
        }
    }

    pub fn is_absent(&self, i: usize) -> bool {
        self.absent.contains(&i)
    }

    /// Questions flagged to revisit, with their (0-based) numbers.
    pub fn flagged(&self) -> impl Iterator<Item = (usize, &SessionQuestion)> {
        self.questions.iter().enumerate().filter(|(_, q)| q.revisit)
    }
}

impl SessionQuestion {
    /// A question as a session starts it: these votes, nothing else yet.
    pub fn unanswered(id: &str, short_title: &str, text: &str, votes: Vec<Vote>) -> Self {
        SessionQuestion {
            id: id.into(),
            short_title: short_title.into(),
            text: text.into(),
            votes,
            agreed: None,
            notes: String::new(),
            actions: Vec::new(),
            revisit: false,
            revisit_origin: None,
            seconds_spent: 0,
            earlier_rounds: Vec::new(),
            revealed: false,
            notes_on_presenter: false,
        }
    }

    pub fn is_answered(&self) -> bool {
        self.agreed.is_some() || self.votes.iter().any(|v| v.score().is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::question_set::{Question, fixture};

    pub fn tiny_set() -> QuestionSet {
        QuestionSet {
            id: "tiny".into(),
            version: 1,
            title: "Tiny".into(),
            source: fixture::source(),
            description: String::new(),
            scale: fixture::one_to_five(),
            questions: vec![Question {
                id: "q1".into(),
                short_title: "One".into(),
                text: "First?".into(),
                prompts: vec![],
            }],
        }
    }

    fn setup(participants: Participants) -> SessionSetup {
        SessionSetup {
            title: "T".into(),
            group: "G".into(),
            facilitator: "F".into(),
            participants,
            level: Level::Place,
            planned_minutes: 60,
        }
    }

    #[test]
    fn the_mean_takes_the_median_where_no_score_was_agreed() {
        let mut set = tiny_set();
        let mut second = set.questions[0].clone();
        second.id = "q2".into();
        set.questions.push(second);
        let mut s = Session::new(
            &set,
            setup(Participants::Seats(2)),
            Uuid::nil(),
            Timestamp::UNIX_EPOCH,
        );
        assert_eq!(s.mean_score(), None, "nothing scored");
        s.questions[0].agreed = Some(4);
        s.questions[1].votes = vec![Vote::Score(1), Vote::Score(2)];
        assert_eq!(
            s.mean_score(),
            Some(MeanScore {
                value: 2.75,
                questions: 2,
                medians: 1
            })
        );
    }

    #[test]
    fn an_untitled_session_is_named_after_its_day() {
        let date = Date::new(2026, 12, 2).unwrap();
        assert_eq!(
            SessionSetup::default_title(date),
            "Roundtable 2 December 2026"
        );
    }

    #[test]
    fn planned_minutes_are_a_whole_number_within_a_day() {
        assert_eq!(parse_planned_minutes("90"), Ok(90));
        assert_eq!(parse_planned_minutes(" 1 "), Ok(1));
        assert_eq!(parse_planned_minutes("1440"), Ok(1440));
        let advice = "type a number of minutes from 1 to 1440, e.g. 60".to_string();
        for bad in ["0", "1441", "-5", "", "1.5", "an hour", "99999999999"] {
            assert_eq!(parse_planned_minutes(bad), Err(advice.clone()), "{bad:?}");
        }
    }

    #[test]
    fn new_session_has_a_pending_vote_per_seat() {
        let s = Session::new(
            &tiny_set(),
            setup(Participants::Seats(3)),
            Uuid::nil(),
            Timestamp::UNIX_EPOCH,
        );
        assert_eq!(s.questions[0].votes, vec![Vote::Pending; 3]);
        assert_eq!(s.answered_count(), 0);
    }

    #[test]
    fn saved_text_reads_back_equal() {
        let mut s = Session::new(
            &tiny_set(),
            setup(Participants::Named(vec!["Zoë".into(), "李".into()])),
            Uuid::nil(),
            Timestamp::UNIX_EPOCH,
        );
        s.questions[0].votes = vec![Vote::Score(3), Vote::Abstain];
        s.questions[0].agreed = Some(3);
        s.questions[0].notes = "line one\n\"quoted\" 🎉 \\ r#\"raw\"#".into();
        let text = s.to_ron().unwrap();
        assert_eq!(Session::from_ron(&text).unwrap(), s);
    }

    #[test]
    fn newer_format_is_named() {
        let s = Session::new(
            &tiny_set(),
            setup(Participants::Seats(1)),
            Uuid::nil(),
            Timestamp::UNIX_EPOCH,
        );
        let text = s
            .to_ron()
            .unwrap()
            .replace("format_version: 1", "format_version: 7");
        let text = text.replace("title:", "new_field: 1,\n    title:");
        assert_eq!(
            Session::from_ron(&text),
            Err(SessionError::NewerVersion { found: 7 })
        );
    }

    #[test]
    fn nonsense_in_any_field_is_refused_where_it_is() {
        let good = Session::new(
            &tiny_set(),
            setup(Participants::Named(vec!["Ann".into(), "Bob".into()])),
            Uuid::nil(),
            "2026-01-20T09:30:00Z".parse().unwrap(),
        );
        assert!(Session::from_ron(&good.to_ron().unwrap()).is_ok());
        type Spoil = fn(&mut Session);
        let cases: [(Spoil, &str, &str); 10] = [
            (
                |s| s.planned_minutes = u32::MAX,
                "planned_minutes:",
                "outside 1–1440",
            ),
            (
                |s| s.planned_minutes = 0,
                "planned_minutes:",
                "outside 1–1440",
            ),
            (
                |s| s.updated = "2026-01-19T00:00:00Z".parse().unwrap(),
                "updated:",
                "before created",
            ),
            (|s| s.status = Status::Complete, "status:", "needs finished"),
            (
                |s| s.questions[0].id = String::new(),
                "id: \"\"",
                "must be non-empty",
            ),
            (
                |s| s.questions[0].id = "../../x".into(),
                "../../x",
                "must be non-empty",
            ),
            (
                |s| s.participants = Participants::Named(vec!["Ann".into(), " ".into()]),
                "participants:",
                "has no name",
            ),
            (
                |s| s.participants = Participants::Named(vec!["Ann".into(), "Ann".into()]),
                "\"Ann\"",
                "named twice",
            ),
            (|s| s.format_version = 0, "format_version:", "first is 1"),
            (
                |s| s.reopened = vec!["2026-01-19T00:00:00Z".parse().unwrap()],
                "reopened:",
                "before created",
            ),
        ];
        for (spoil, near, words) in cases {
            let mut s = good.clone();
            spoil(&mut s);
            let text = s.to_ron().unwrap();
            let err = Session::from_ron(&text).expect_err(words);
            let problem = err
                .problems()
                .into_iter()
                .find(|p| p.message.contains(words))
                .unwrap_or_else(|| panic!("{words}: {err}"));
            let line = text.lines().nth(problem.line - 1).unwrap_or_default();
            assert!(line.contains(near), "{words} placed at {line:?}");
        }
    }

    #[test]
    fn a_clock_set_back_never_makes_a_file_that_is_refused() {
        let created: Timestamp = "2026-01-20T09:30:00Z".parse().unwrap();
        let mut s = Session::new(
            &tiny_set(),
            setup(Participants::Seats(2)),
            Uuid::nil(),
            created,
        );
        s.touch("2025-01-01T00:00:00Z".parse().unwrap());
        assert_eq!(s.updated, created);
        assert!(Session::from_ron(&s.to_ron().unwrap()).is_ok());
    }

    #[test]
    fn vote_count_must_match_participants() {
        let mut s = Session::new(
            &tiny_set(),
            setup(Participants::Seats(2)),
            Uuid::nil(),
            Timestamp::UNIX_EPOCH,
        );
        s.questions[0].votes.push(Vote::Score(9));
        let text = s.to_ron().unwrap();
        let err = Session::from_ron(&text).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("3 votes but the session has 2"), "{msg}");
        assert!(msg.contains("outside the scale"), "{msg}");
    }

    #[test]
    fn actions_and_flags_carry_their_question_numbers() {
        let mut set = tiny_set();
        set.questions.push(Question {
            id: "q2".into(),
            short_title: "Two".into(),
            text: "Second?".into(),
            prompts: vec![],
        });
        let mut s = Session::new(
            &set,
            setup(Participants::Seats(1)),
            Uuid::nil(),
            Timestamp::UNIX_EPOCH,
        );
        let action = |text: &str, done| ActionItem {
            text: text.into(),
            owner: String::new(),
            due: None,
            done,
            origin: None,
        };
        s.questions[1].actions = vec![action("a", true), action("b", false)];
        s.questions[1].revisit = true;
        s.questions[1].agreed = Some(2);
        let all: Vec<(usize, &str)> = s
            .all_actions()
            .map(|(i, _, a)| (i, a.text.as_str()))
            .collect();
        assert_eq!(all, vec![(1, "a"), (1, "b")]);
        let open: Vec<&str> = s.open_actions().map(|(_, a)| a.text.as_str()).collect();
        assert_eq!(open, vec!["b"]);
        let flagged: Vec<usize> = s.flagged().map(|(i, _)| i).collect();
        assert_eq!(flagged, vec![1]);
        assert_eq!(s.agreed_count(), 1);
    }

    #[test]
    fn participants_parse_names_or_seats() {
        assert_eq!(Participants::parse(" 6 "), Some(Participants::Seats(6)));
        assert_eq!(
            Participants::parse("Ann, Bob,, Cy "),
            Some(Participants::Named(vec![
                "Ann".into(),
                "Bob".into(),
                "Cy".into()
            ]))
        );
        assert_eq!(Participants::parse("  "), None);
        assert_eq!(Participants::parse("0"), None);
        let twice = Participants::parse("Ann, Bob, ann ").expect("names");
        assert_eq!(twice.named_twice(), Some("ann"));
        assert_eq!(Participants::Seats(3).named_twice(), None);
    }
}
