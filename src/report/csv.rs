//! The session as CSV for spreadsheets: one row per question, and one row per vote.
//!
//! Quoting is left to the `csv` crate so notes with commas, quotes and line breaks come
//! back out of Excel or LibreOffice exactly as typed. Two things are for the spreadsheets
//! people actually open these in: a UTF-8 byte-order mark, without which Excel reads the
//! file in the local code page (`TomÃ¡s`, garbled CJK), and [`spreadsheet_safe`] cells, so
//! a name or note typed as `=cmd|...` is shown as text instead of run as a formula.

use crate::domain::stats::{ScoreSource, VoteStats, headline_score};
use crate::domain::{Session, Vote};

use super::present;

/// Writing CSV into memory cannot really fail, but the csv crate's API says it may, and a
/// report is never worth a panic.
#[derive(Debug, thiserror::Error)]
#[error("could not write the CSV report: {0}")]
pub struct CsvError(String);

impl From<csv::Error> for CsvError {
    fn from(e: csv::Error) -> Self {
        CsvError(e.to_string())
    }
}

/// The UTF-8 byte-order mark every CSV file starts with: Excel needs it to read UTF-8.
/// The `csv` crate and LibreOffice skip it; Python reads it with `encoding="utf-8-sig"`.
pub const BOM: &str = "\u{feff}";

/// A cell as a spreadsheet should show it: text that a spreadsheet would take for a formula
/// (a leading `=`, `+`, `-`, `@`, tab or carriage return, the OWASP "CSV injection" list)
/// gets a leading apostrophe, which spreadsheets read as "this is text".
///
/// A plain number (`-1`, `+2`, `-0.5`) is left alone: it is data (a change, a score) that a
/// spreadsheet reads as the number it is and never as a formula, and an apostrophe would
/// turn it into text that sums and charts skip.
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(cell) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// An optional sign, digits, and at most one decimal point with digits around it.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.chars().all(|c| c.is_ascii_digit())
        && fraction.chars().all(|c| c.is_ascii_digit())
}

/// A CSV writer into memory whose every record goes through [`spreadsheet_safe`].
pub struct SheetWriter<W: std::io::Write> {
    inner: csv::Writer<W>,
}

impl<W: std::io::Write> SheetWriter<W> {
    /// Starts the output with the [`BOM`].
    pub fn new(mut out: W) -> std::io::Result<Self> {
        out.write_all(BOM.as_bytes())?;
        Ok(SheetWriter {
            inner: csv::Writer::from_writer(out),
        })
    }

    pub fn write_record<I, T>(&mut self, record: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        self.inner.write_record(
            record
                .into_iter()
                .map(|cell| spreadsheet_safe(cell.as_ref()).into_owned()),
        )
    }

    pub fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }

    fn into_inner(self) -> Result<W, CsvError> {
        self.inner
            .into_inner()
            .map_err(|e| CsvError(e.error().to_string()))
    }
}

impl From<std::io::Error> for CsvError {
    fn from(e: std::io::Error) -> Self {
        CsvError(e.to_string())
    }
}

/// One row per question: the session's details repeated on each row so rows from many
/// sessions can be pasted into one sheet, the scores, the distribution (one column per
/// point of the scale), notes, revisit and actions, then the session's mean agreed
/// score as Home and the other reports round it, and whether the session was finished
/// (`complete` or `in progress`: a CSV cannot open with a line of prose, so the status is a
/// column). New columns are added last so existing columns keep their places.
pub fn session_questions_csv(session: &Session) -> Result<String, CsvError> {
    let scale = &session.question_set.scale;
    let mut w = SheetWriter::new(Vec::new())?;
    let mut header: Vec<String> = [
        "session_id",
        "session_title",
        "date",
        "group",
        "set_id",
        "set_version",
        "question_number",
        "question_id",
        "short_title",
        "question",
        "agreed",
        "agreed_label",
        "headline_score",
        "headline_source",
        "median",
        "min",
        "max",
        "votes",
        "abstentions",
        "not_recorded",
    ]
    .iter()
    .map(|s| (*s).to_string())
    .collect();
    header.extend(scale.points().map(|p| format!("votes_{p}")));
    header.extend(
        [
            "revisit",
            "notes",
            "actions",
            "session_mean",
            "session_status",
        ]
        .iter()
        .map(|s| (*s).to_string()),
    );
    w.write_record(&header)?;

    let date = present::date_header(session.date());
    let id = session.id.to_string();
    let mean = present::mean_or_blank(session.mean_score().map(|m| m.value));
    let opt = |v: Option<u8>| v.map(|s| s.to_string()).unwrap_or_default();
    for (i, q) in session.questions.iter().enumerate() {
        let stats = VoteStats::of(&q.votes, scale);
        let (headline, source) = match headline_score(q, scale) {
            Some((v, ScoreSource::Agreed)) => (present::score(v), "agreed"),
            Some((v, ScoreSource::Median)) => (present::score(v), "median"),
            None => (String::new(), ""),
        };
        let actions = q
            .actions
            .iter()
            .map(|a| {
                let mut line = a.text.clone();
                let mut extra = Vec::new();
                if !a.owner.is_empty() {
                    extra.push(format!("owner: {}", a.owner));
                }
                if let Some(due) = a.due {
                    extra.push(format!("due: {due}"));
                }
                if a.done {
                    extra.push("done".to_string());
                }
                if !extra.is_empty() {
                    line.push_str(&format!(" ({})", extra.join(", ")));
                }
                line
            })
            .collect::<Vec<_>>()
            .join("\n");
        let mut row = vec![
            id.clone(),
            session.title.clone(),
            date.clone(),
            session.group.clone(),
            session.question_set.id.clone(),
            session.question_set.version.to_string(),
            (i + 1).to_string(),
            q.id.clone(),
            q.short_title.clone(),
            q.text.clone(),
            opt(q.agreed),
            q.agreed
                .and_then(|a| scale.label(a))
                .unwrap_or_default()
                .to_string(),
            headline,
            source.to_string(),
            stats.median.map(present::score).unwrap_or_default(),
            opt(stats.min),
            opt(stats.max),
            stats.scores.to_string(),
            stats.abstentions.to_string(),
            stats.pending.to_string(),
        ];
        row.extend(stats.distribution.iter().map(|(_, n)| n.to_string()));
        row.push(if q.revisit { "yes" } else { "no" }.to_string());
        row.push(q.notes.clone());
        row.push(actions);
        row.push(mean.clone());
        row.push(session.status.label().to_string());
        w.write_record(&row)?;
    }
    finish(w)
}

/// One row per participant per question: `vote` is the score, `abstain`, or
/// `not recorded`, with the score's label alongside, and the session's status (as in
/// [`session_questions_csv`]).
pub fn session_votes_csv(session: &Session) -> Result<String, CsvError> {
    let scale = &session.question_set.scale;
    let mut w = SheetWriter::new(Vec::new())?;
    w.write_record([
        "session_id",
        "question_number",
        "question_id",
        "participant",
        "vote",
        "label",
        "session_status",
    ])?;
    let id = session.id.to_string();
    let names = session.participants.display_names();
    for (i, q) in session.questions.iter().enumerate() {
        let number = (i + 1).to_string();
        for (name, vote) in names.iter().zip(&q.votes) {
            let (vote, label) = match vote {
                Vote::Score(s) => (s.to_string(), scale.label(*s).unwrap_or_default()),
                Vote::Abstain => ("abstain".to_string(), ""),
                Vote::Pending => ("not recorded".to_string(), ""),
            };
            w.write_record([
                id.as_str(),
                &number,
                &q.id,
                name,
                &vote,
                label,
                session.status.label(),
            ])?;
        }
    }
    finish(w)
}

fn finish(w: SheetWriter<Vec<u8>>) -> Result<String, CsvError> {
    let bytes = w.into_inner()?;
    String::from_utf8(bytes).map_err(|e| CsvError(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixture;

    #[test]
    fn question_rows_read_back() -> Result<(), Box<dyn std::error::Error>> {
        let s = fixture::session();
        let text = session_questions_csv(&s)?;
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let headers = r.headers()?.clone();
        let notes_col = headers
            .iter()
            .position(|h| h == "notes")
            .ok_or("no notes column")?;
        let rows: Vec<csv::StringRecord> = r.records().collect::<Result<_, _>>()?;
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][notes_col], s.questions[0].notes);
        assert_eq!(&rows[1][notes_col], s.questions[1].notes);
        assert_eq!(&rows[1][13], "median");
        Ok(())
    }

    #[test]
    fn one_row_per_vote() -> Result<(), Box<dyn std::error::Error>> {
        let text = session_votes_csv(&fixture::session())?;
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = r.records().collect::<Result<_, _>>()?;
        assert_eq!(rows.len(), 6);
        assert_eq!(&rows[1][3], "Bob \"B\"");
        assert_eq!(&rows[2][4], "abstain");
        assert_eq!(&rows[5][4], "not recorded");
        assert_eq!(&rows[4][5], "Largely");
        Ok(())
    }
}
