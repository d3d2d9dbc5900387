//! What differs between two versions of one session (a sync client's copy, an import, a
//! second window), field by field, in the facilitator's words: the conflict screen shows
//! these rows so the facilitator can choose which version to keep without opening files.

use super::session::{ActionItem, Participants, Session, SessionQuestion, Vote};

/// One field that differs: where, and what each version says there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// "Title", "Q3 votes", "Reflections"…: short, so the values get the room.
    pub field: String,
    /// What the first version says (already shortened for a line: see [`excerpts`]).
    pub left: String,
    pub right: String,
}

/// How many characters of a long text (notes, reflections) each side shows.
const EXCERPT_CHARS: usize = 60;

/// Every field that differs between `a` and `b`, in the order a session reads: the
/// session's own fields, then each question, then the reflections. Questions are matched
/// by id, so a set edited between the two versions still compares question for question.
/// Time spent and where the facilitator was are left out: they differ whenever anyone
/// looked, and say nothing about what the group said.
pub fn differences(a: &Session, b: &Session) -> Vec<Difference> {
    let mut out = Vec::new();
    let mut field = |name: String, left: String, right: String| {
        if left != right {
            out.push(Difference {
                field: name,
                left,
                right,
            });
        }
    };
    field("Title".into(), a.title.clone(), b.title.clone());
    field("Group".into(), a.group.clone(), b.group.clone());
    field(
        "Facilitator".into(),
        a.facilitator.clone(),
        b.facilitator.clone(),
    );
    field(
        "Participants".into(),
        participants(&a.participants),
        participants(&b.participants),
    );
    field(
        "Level".into(),
        a.level.label().into(),
        b.level.label().into(),
    );
    field(
        "Status".into(),
        a.status.label().into(),
        b.status.label().into(),
    );
    field(
        "Planned minutes".into(),
        a.planned_minutes.to_string(),
        b.planned_minutes.to_string(),
    );
    field(
        "Votes".into(),
        a.voting.label().into(),
        b.voting.label().into(),
    );
    field("Not here".into(), absent(a), absent(b));
    field("Reopened".into(), reopened(a), reopened(b));
    let none = "(not in this version)".to_string();
    for (n, qa) in a.questions.iter().enumerate() {
        let label = format!("Q{}", n + 1);
        match b.questions.iter().find(|q| q.id == qa.id) {
            Some(qb) => question(&mut field, &label, a, qa, b, qb),
            None => field(
                format!("{label} question"),
                qa.short_title.clone(),
                none.clone(),
            ),
        }
    }
    for (n, qb) in b.questions.iter().enumerate() {
        if !a.questions.iter().any(|q| q.id == qb.id) {
            field(
                format!("Q{} question", n + 1),
                none.clone(),
                qb.short_title.clone(),
            );
        }
    }
    let (left, right) = excerpts(&a.reflections, &b.reflections);
    field("Reflections".into(), left, right);
    out
}

fn question(
    field: &mut impl FnMut(String, String, String),
    label: &str,
    a: &Session,
    qa: &SessionQuestion,
    b: &Session,
    qb: &SessionQuestion,
) {
    field(
        format!("{label} votes"),
        votes(&a.participants, &qa.votes),
        votes(&b.participants, &qb.votes),
    );
    let agreed = |s: Option<u8>| s.map_or_else(|| "none".to_string(), |s| s.to_string());
    field(
        format!("{label} agreed score"),
        agreed(qa.agreed),
        agreed(qb.agreed),
    );
    let (left, right) = excerpts(&qa.notes, &qb.notes);
    field(format!("{label} notes"), left, right);
    field(
        format!("{label} actions"),
        actions(&qa.actions),
        actions(&qb.actions),
    );
    let flag = |f: bool| if f { "⚑ revisit" } else { "not flagged" }.to_string();
    field(format!("{label} flag"), flag(qa.revisit), flag(qb.revisit));
    // Earlier rounds (a second round after discussion keeps the first): each one's votes.
    let rounds = |s: &Session, q: &SessionQuestion| {
        q.earlier_rounds
            .iter()
            .enumerate()
            .map(|(i, r)| format!("round {}: {}", i + 1, votes(&s.participants, &r.votes)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    field(
        format!("{label} earlier rounds"),
        rounds(a, qa),
        rounds(b, qb),
    );
}

/// Who was marked not here, by name.
fn absent(s: &Session) -> String {
    let names = s.participants.display_names();
    let out: Vec<String> = s
        .absent
        .iter()
        .map(|&i| {
            names
                .get(i)
                .cloned()
                .unwrap_or_else(|| format!("seat {}", i + 1))
        })
        .collect();
    if out.is_empty() {
        "everyone here".into()
    } else {
        out.join(", ")
    }
}

/// When a finished session was reopened for changes.
fn reopened(s: &Session) -> String {
    if s.reopened.is_empty() {
        "never".into()
    } else {
        s.reopened
            .iter()
            .map(|t| t.strftime("%Y-%m-%d %H:%M").to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn participants(p: &Participants) -> String {
    match p {
        Participants::Named(names) => names.join(", "),
        Participants::Seats(n) => format!("{n} unnamed seats"),
    }
}

/// "Ann 3, Bob –, Cy abstained": each person with their vote, so a moved vote shows who.
fn votes(participants: &Participants, votes: &[Vote]) -> String {
    let names = participants.display_names();
    votes
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let who = names
                .get(i)
                .cloned()
                .unwrap_or_else(|| format!("#{}", i + 1));
            let what = match v {
                Vote::Pending => "–".to_string(),
                Vote::Score(s) => s.to_string(),
                Vote::Abstain => "abstained".to_string(),
            };
            format!("{who} {what}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn actions(actions: &[ActionItem]) -> String {
    if actions.is_empty() {
        return "none".into();
    }
    actions
        .iter()
        .map(|a| {
            let mut s = format!("{} {}", if a.done { "☑" } else { "☐" }, a.text);
            if !a.owner.is_empty() {
                s.push_str(&format!(" ({})", a.owner));
            }
            if let Some(due) = a.due {
                s.push_str(&format!(" by {due}"));
            }
            s
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Two long texts shortened to the part where they start to differ, so a change at the end
/// of a page of notes is still seen: "…the last words before the change, and after it".
/// Line breaks show as `⏎`. Identical texts come back identical (and so are not listed).
pub fn excerpts(a: &str, b: &str) -> (String, String) {
    if a == b {
        return (flat(a), flat(b));
    }
    let common = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, ca), cb)| ca != cb)
        .map_or_else(|| a.len().min(b.len()), |((i, _), _)| i);
    // Start a little before the first difference, on a character boundary of both (the
    // common prefix is the same bytes in each).
    let context = 20;
    let start = a[..common]
        .char_indices()
        .rev()
        .nth(context - 1)
        .map_or(0, |(i, _)| i);
    let cut = |s: &str| {
        let tail = &s[start..];
        let mut out = String::new();
        if start > 0 {
            out.push('…');
        }
        let mut chars = tail.chars();
        out.extend(chars.by_ref().take(EXCERPT_CHARS));
        if chars.next().is_some() {
            out.push('…');
        }
        if s.is_empty() {
            return "(empty)".to_string();
        }
        flat(&out)
    };
    (cut(a), cut(b))
}

fn flat(s: &str) -> String {
    s.replace("\r\n", "⏎").replace('\n', "⏎")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ActionItem;

    fn example() -> Session {
        Session::from_ron(include_str!(
            "../../sessions/2026-01-20-q1-roundtable-8c1016b9.ron"
        ))
        .unwrap()
    }

    #[test]
    fn rounds_people_away_private_votes_and_reopening_are_differences_too() {
        let a = example();
        let mut b = a.clone();
        b.voting = crate::domain::rounds::Voting::Private;
        b.absent = vec![1];
        b.reopened = vec!["2026-02-01T09:30:00Z".parse().unwrap()];
        b.questions[2].earlier_rounds = vec![crate::domain::rounds::Round {
            votes: a.questions[2].votes.clone(),
        }];
        let d = differences(&a, &b);
        let fields: Vec<&str> = d.iter().map(|d| d.field.as_str()).collect();
        assert_eq!(
            fields,
            ["Votes", "Not here", "Reopened", "Q3 earlier rounds"]
        );
        let second = a.participants.display_names()[1].clone();
        assert_eq!(
            (d[1].left.as_str(), d[1].right.as_str()),
            ("everyone here", second.as_str())
        );
        assert_eq!(d[2].right, "2026-02-01 09:30");
        assert!(d[3].right.starts_with("round 1: "), "{}", d[3].right);
    }

    #[test]
    fn the_same_session_has_no_differences() {
        let s = example();
        assert!(differences(&s, &s).is_empty());
        let mut looked = s.clone();
        looked.current_question = 5;
        looked.questions[0].seconds_spent += 60;
        assert!(
            differences(&s, &looked).is_empty(),
            "looking around is not a difference"
        );
    }

    #[test]
    fn each_kind_of_field_is_told_apart() {
        let a = example();
        let mut b = a.clone();
        b.title = "Q1 (Ann's laptop)".into();
        b.questions[1].votes[0] = Vote::Score(1);
        b.questions[1].agreed = if a.questions[1].agreed == Some(2) {
            Some(3)
        } else {
            Some(2)
        };
        b.questions[2].notes.push_str("\nAdded on the train.");
        b.questions[3].actions.push(ActionItem {
            text: "Ask the board".into(),
            owner: "Tomás".into(),
            due: None,
            done: false,
            origin: None,
        });
        b.questions[4].revisit = !a.questions[4].revisit;
        b.reflections = "Changed".into();
        let d = differences(&a, &b);
        let fields: Vec<&str> = d.iter().map(|d| d.field.as_str()).collect();
        let q = |n: usize, what: &str| format!("Q{} {what}", n + 1);
        assert_eq!(
            fields,
            vec![
                "Title",
                &q(1, "votes"),
                &q(1, "agreed score"),
                &q(2, "notes"),
                &q(3, "actions"),
                &q(4, "flag"),
                "Reflections",
            ]
        );
        assert_eq!(d[0].right, "Q1 (Ann's laptop)");
        let name = a.participants.display_names()[0].clone();
        assert!(
            d[1].right.starts_with(&format!("{name} 1")),
            "{}",
            d[1].right
        );
        assert!(
            d[3].right.contains("⏎Added on the train."),
            "{}",
            d[3].right
        );
        assert!(
            d[4].right.contains("☐ Ask the board (Tomás)"),
            "{}",
            d[4].right
        );
    }

    #[test]
    fn long_notes_show_where_they_start_to_differ() {
        let base = "é".repeat(500);
        let (a, b) = excerpts(&format!("{base} end one"), &format!("{base} end two"));
        assert!(a.starts_with('…') && a.ends_with("end one"), "{a}");
        assert!(b.ends_with("end two"), "{b}");
        assert!(a.chars().count() <= EXCERPT_CHARS + 2);
        let (a, b) = excerpts("", "new");
        assert_eq!((a.as_str(), b.as_str()), ("(empty)", "new"));
    }

    #[test]
    fn a_question_in_one_version_only_is_listed() {
        let a = example();
        let mut b = a.clone();
        b.questions.pop();
        let d = differences(&a, &b);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].right, "(not in this version)");
    }
}
