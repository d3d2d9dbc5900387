//! Due dates as facilitators type them: `2027-03-31`, `31/03/2027` or `31 Mar 2027`.
//!
//! jiff parses each form; the one thing it cannot know is whether `03/04/2027` is the 3rd of
//! April or the 4th of March, so a slashed date that could be either is refused with both
//! readings named, rather than guessed. The interpretation is shown before it is saved.

use jiff::civil::Date;
use jiff::fmt::strtime;

/// The date `text` stands for, or what to type instead (in the facilitator's words).
pub fn parse_due(text: &str) -> Result<Date, String> {
    let text = text.trim();
    if let Ok(date) = text.parse::<Date>() {
        return Ok(date);
    }
    if let Some((d, m)) = day_month(text) {
        if d != m && d <= 12 && m <= 12 {
            let as_dm = strtime::parse("%d/%m/%Y", text).and_then(|t| t.to_date());
            let as_md = strtime::parse("%m/%d/%Y", text).and_then(|t| t.to_date());
            if let (Ok(a), Ok(b)) = (as_dm, as_md) {
                return Err(format!(
                    "{text} could be {} or {}: type it as {} or {}",
                    long(a),
                    long(b),
                    a.strftime("%-d %b %Y"),
                    b.strftime("%-d %b %Y")
                ));
            }
        }
        if let Ok(date) = strtime::parse("%d/%m/%Y", text).and_then(|t| t.to_date()) {
            return Ok(date);
        }
        if m > 12
            && let Ok(date) = strtime::parse("%m/%d/%Y", text).and_then(|t| t.to_date())
        {
            return Ok(date);
        }
    }
    for format in ["%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y", "%d %b, %Y"] {
        if let Ok(date) = strtime::parse(format, text).and_then(|t| t.to_date()) {
            return Ok(date);
        }
    }
    Err(format!(
        "{text:?} is not a date: type 2027-03-31, 31/03/2027 or 31 Mar 2027, or leave it empty"
    ))
}

/// The first two numbers of a slashed date, if it is one.
fn day_month(text: &str) -> Option<(u32, u32)> {
    let mut parts = text.split('/');
    let d = parts.next()?.trim().parse().ok()?;
    let m = parts.next()?.trim().parse().ok()?;
    parts.next()?;
    Some((d, m))
}

/// How a due date reads back before saving: "Wed 31 Mar 2027".
pub fn long(date: Date) -> String {
    date.strftime("%a %-d %b %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn the_three_ways_of_writing_a_date_agree() {
        for text in [
            "2027-03-31",
            "31/03/2027",
            "31 Mar 2027",
            "31 March 2027",
            " 31 mar 2027 ",
        ] {
            assert_eq!(parse_due(text), Ok(date("2027-03-31")), "{text}");
        }
        assert_eq!(long(date("2027-03-31")), "Wed 31 Mar 2027");
        // The same day and month either way round is not ambiguous.
        assert_eq!(parse_due("05/05/2027"), Ok(date("2027-05-05")));
    }

    #[test]
    fn an_ambiguous_or_impossible_date_is_refused_with_advice() {
        let ambiguous = parse_due("03/04/2027").unwrap_err();
        assert!(ambiguous.contains("Sat 3 Apr 2027"), "{ambiguous}");
        assert!(ambiguous.contains("Thu 4 Mar 2027"), "{ambiguous}");
        for text in ["31/02/2027", "next Tuesday", "2027-13-01", "31 Foo 2027"] {
            let e = parse_due(text).unwrap_err();
            assert!(e.contains("2027-03-31"), "{text}: {e}");
        }
    }
}
