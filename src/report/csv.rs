//! The session as CSV for spreadsheets: one row per question, and one row per vote.
//!
//! Quoting is left to the `csv` crate so notes with commas, quotes and line breaks come
//! back out of Excel or LibreOffice exactly as typed.

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

/// One row per question: the session's details repeated on each row so rows from many
/// sessions can be pasted into one sheet, the scores, the distribution (one column per
/// point of the scale), notes, revisit and actions, and last the session's mean agreed
/// score as Home and the other reports round it (added last so existing columns keep
/// their places).
pub fn session_questions_csv(session: &Session) -> Result<String, CsvError> {
    let scale = &session.question_set.scale;
    let mut w = csv::Writer::from_writer(Vec::new());
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
            // A second round (`R`): the round before the live one, and who moved.
            "rounds",
            "before_min",
            "before_max",
            "before_median",
            "moved",
            "compared",
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
        row.push(q.round_number().to_string());
        match q.round_change(scale) {
            Some(change) => row.extend([
                opt(change.before.min),
                opt(change.before.max),
                change.before.median.map(present::score).unwrap_or_default(),
                change.moved.to_string(),
                change.compared.to_string(),
            ]),
            None => row.extend(std::iter::repeat_n(String::new(), 5)),
        }
        w.write_record(&row)?;
    }
    finish(w)
}

/// One row per participant per question and round: `vote` is the score, `abstain`, or
/// `not recorded`, with the score's label alongside; `round` last (1, then 2 for a second
/// round), earlier rounds first.
pub fn session_votes_csv(session: &Session) -> Result<String, CsvError> {
    let scale = &session.question_set.scale;
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "session_id",
        "question_number",
        "question_id",
        "participant",
        "vote",
        "label",
        "round",
    ])?;
    let id = session.id.to_string();
    let names = session.participants.display_names();
    for (i, q) in session.questions.iter().enumerate() {
        let number = (i + 1).to_string();
        let rounds = q
            .earlier_rounds
            .iter()
            .map(|r| &r.votes)
            .chain(std::iter::once(&q.votes));
        for (round, votes) in rounds.enumerate() {
            let round = (round + 1).to_string();
            for (name, vote) in names.iter().zip(votes) {
                let (vote, label) = match vote {
                    Vote::Score(s) => (s.to_string(), scale.label(*s).unwrap_or_default()),
                    Vote::Abstain => ("abstain".to_string(), ""),
                    Vote::Pending => ("not recorded".to_string(), ""),
                };
                w.write_record([id.as_str(), &number, &q.id, name, &vote, label, &round])?;
            }
        }
    }
    finish(w)
}

fn finish(w: csv::Writer<Vec<u8>>) -> Result<String, CsvError> {
    let bytes = w
        .into_inner()
        .map_err(|e| CsvError(e.error().to_string()))?;
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
