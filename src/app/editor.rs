//! Text editing for notes, reflections and form fields, on ratatui-textarea.
//!
//! The editor is state like any other: `update` feeds it key inputs; nothing here draws.

use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use ratatui_textarea::{CursorMove, DataCursor, Input, Key, TextArea, WrapMode};
use unicode_segmentation::GraphemeCursor;

/// A multi-line editor holding `text`, soft-wrapped at word boundaries.
pub fn multi_line(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.split('\n').map(str::to_string).collect()
    };
    let mut area = TextArea::new(lines);
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.set_max_histories(200);
    // The cursor itself (reverse video) shows where typing goes; an underlined line is noise.
    area.set_cursor_line_style(ratatui::style::Style::default());
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

/// A one-line field; Enter and newlines are handled by the form, not the field.
pub fn single_line(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(vec![text.replace(['\n', '\r'], " ")]);
    area.set_cursor_line_style(ratatui::style::Style::default());
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

/// An empty one-line field that shows, greyed, what leaving it empty means.
pub fn with_placeholder(placeholder: &str) -> TextArea<'static> {
    let mut area = single_line("");
    area.set_placeholder_text(placeholder.replace(['\n', '\r'], " "));
    // Dim, not grey: meaning never rides on colour, and NO_COLOR gets no colour at all.
    area.set_placeholder_style(
        ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::DIM),
    );
    area
}

pub fn text_of(area: &TextArea<'_>) -> String {
    area.lines().join("\n")
}

/// Feed a key to a single-line field, refusing newlines so a stray Enter never splits it.
pub fn input_single_line(area: &mut TextArea<'static>, input: Input) -> bool {
    if input.key == ratatui_textarea::Key::Enter
        || (input.ctrl && input.key == ratatui_textarea::Key::Char('m'))
    {
        return false;
    }
    area.input(input)
}

/// Paste into a field: newlines become spaces in single-line fields.
pub fn paste(area: &mut TextArea<'static>, text: &str, single: bool) -> bool {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if single {
        area.insert_str(text.replace('\n', " "))
    } else {
        area.insert_str(text)
    }
}

/// Notes longer than this are edited through a window (see [`NoteEditor`]); shorter ones sit
/// whole in the editor, as they always did.
pub const LONG_NOTE_BYTES: usize = 32 * 1024;
/// How far a long note's window reaches either side of the cursor, at least (more in a big
/// box: see [`NoteEditor::margin`]). The editor re-wraps all it holds on every key, so this
/// bounds a keystroke's cost.
const REACH: usize = 4 * 1024;
/// The cursor this close to a window edge with more note beyond it slides the window, so
/// no cursor move ever stops at the edge of the window instead of the edge of the note.
const MARGIN: usize = REACH / 2;

/// The editor for notes and reflections, which may be up to a megabyte. A long note is not
/// put whole into the text area (which re-wraps and copies everything on each key): it holds
/// a window around the cursor, and the text before and after the window waits here
/// unchanged. The note is always exactly `before + window + after`; moving the cursor near
/// the window's edge slides the window, so every word can still be reached and edited.
#[derive(Debug, Clone)]
pub struct NoteEditor {
    before: String,
    area: TextArea<'static>,
    after: String,
    /// Where the text area was last drawn, so a slid window can be scrolled to keep the
    /// cursor on the row of the box it was on (set while drawing, hence a cell).
    drawn: Cell<Rect>,
}

impl NoteEditor {
    /// An editor on `text` with the cursor at its end, where a facilitator adds.
    pub fn new(text: &str) -> NoteEditor {
        NoteEditor::around(text, text.len(), REACH)
    }

    /// An editor on `text` with the cursor at byte `cursor` (a char boundary), holding the
    /// window around it when the text is long.
    fn around(text: &str, cursor: usize, reach: usize) -> NoteEditor {
        let (start, end) = if text.len() <= LONG_NOTE_BYTES {
            (0, text.len())
        } else {
            window_around(text, cursor, reach)
        };
        let window = &text[start..end];
        let mut area = multi_line(window);
        let (row, col) = row_and_col(window, cursor.clamp(start, end) - start);
        if (row, col) != (area.cursor().0, area.cursor().1) {
            let to = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
            area.move_cursor(CursorMove::Jump(to(row), to(col)));
        }
        NoteEditor {
            before: text[..start].to_string(),
            area,
            after: text[end..].to_string(),
            drawn: Cell::new(Rect::default()),
        }
    }

    /// `self` with its window moved to put the cursor at byte `at` of the note, and the
    /// cursor shown on `row` of the box (as near as the text allows); with no row, where a
    /// freshly opened editor shows it.
    fn slide(&mut self, text: &str, at: usize, row: Option<usize>) {
        let drawn = self.drawn.get();
        *self = NoteEditor::around(text, at, 2 * self.margin());
        self.drawn.set(drawn);
        if drawn.area() == 0 {
            return;
        }
        // Laid out once in the box's size (nothing is shown), to learn the cursor's row and
        // scroll as the next frame will.
        (&self.area).render(drawn, &mut Buffer::empty(drawn));
        let Some(row) = row else {
            return;
        };
        // Inside the box, or scrolling would move the cursor into it.
        let row = row.min(usize::from(drawn.height) - 1);
        let top = usize::from(self.area.scroll_offset().0);
        let want = self.area.screen_cursor().row.saturating_sub(row);
        let by = |n: usize| i16::try_from(n).unwrap_or(i16::MAX);
        if want > top {
            self.area.scroll((by(want - top), 0));
        } else {
            self.area.scroll((-by(top - want), 0));
        }
    }

    /// How near a window's edge the cursor may come before the window slides: more than a
    /// page of the box as last drawn (at two bytes a cell: accented and CJK text, emoji), so
    /// Page Up and Page Down never find the window's edge on screen.
    fn margin(&self) -> usize {
        let drawn = self.drawn.get();
        MARGIN.max(2 * usize::from(drawn.width) * (usize::from(drawn.height) + 1))
    }

    /// The cursor's row in the box as last drawn.
    fn row_on_screen(&self) -> usize {
        let top = usize::from(self.area.scroll_offset().0);
        self.area.screen_cursor().row.saturating_sub(top)
    }

    /// The whole note.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.write_into(&mut out);
        out
    }

    /// Replace `out` with the whole note, reusing its buffer: once per keystroke, so a
    /// megabyte note costs a copy, not an allocation.
    pub fn write_into(&self, out: &mut String) {
        out.clear();
        out.reserve(self.before.len() + self.window_len() + self.after.len());
        out.push_str(&self.before);
        for (i, line) in self.area.lines().iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(line);
        }
        out.push_str(&self.after);
    }

    /// The text area: the window, or the whole of a short note.
    pub fn area(&self) -> &TextArea<'static> {
        &self.area
    }

    /// Bytes of the note before the window, not on screen.
    pub fn bytes_before(&self) -> usize {
        self.before.len()
    }

    /// Bytes of the note after the window, not on screen.
    pub fn bytes_after(&self) -> usize {
        self.after.len()
    }

    /// Feed a key; true when the text changed. Ctrl-Home and Ctrl-End go to the note's
    /// start and end (the text area alone would only reach its window's).
    pub fn input(&mut self, input: Input) -> bool {
        let whole_note = input.ctrl && !input.alt && !input.shift;
        match input.key {
            Key::Home if whole_note => self.jump(0),
            Key::End if whole_note => self.jump(usize::MAX),
            _ => {
                let edited = self.area.input(input);
                self.keep_cursor_inside();
                edited
            }
        }
    }

    /// Paste at the cursor (newlines as typed, whatever the platform sent).
    pub fn paste(&mut self, text: &str) -> bool {
        let edited = paste(&mut self.area, text, false);
        self.keep_cursor_inside();
        edited
    }

    /// Forget where the text area was scrolled (the cursor stays): the next frame shows
    /// the rows up to the cursor, as a freshly opened editor does. For a box of a new size.
    pub fn refit(&mut self) {
        let DataCursor(row, col) = self.area.cursor();
        // Twice: a short note may have more rows than one scroll can go back (and the
        // text area cannot negate `i16::MIN`).
        self.area.scroll((-i16::MAX, 0));
        self.area.scroll((-i16::MAX, 0));
        let to = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        self.area.move_cursor(CursorMove::Jump(to(row), to(col)));
    }

    /// Put the cursor at the note's start (`at` 0) or end (`usize::MAX`). Never an edit.
    fn jump(&mut self, at: usize) -> bool {
        // Within the window when the end is in it: its undo history stays.
        if at == 0 && self.before.is_empty() {
            self.area.move_cursor(CursorMove::Top);
            self.area.move_cursor(CursorMove::Head);
        } else if at == usize::MAX && self.after.is_empty() {
            self.area.move_cursor(CursorMove::Bottom);
            self.area.move_cursor(CursorMove::End);
        } else {
            let text = self.text();
            self.slide(&text, at.min(text.len()), None);
        }
        self.keep_cursor_inside();
        false
    }

    /// Slide the window when the cursor nears an edge with more note beyond it, or when
    /// the window has grown long (a paste, or a short note typed past the limit).
    fn keep_cursor_inside(&mut self) {
        let len = self.window_len();
        let windowed = !self.before.is_empty() || !self.after.is_empty();
        if !windowed && len <= LONG_NOTE_BYTES {
            return;
        }
        let margin = self.margin();
        let offset = self.cursor_offset();
        // The window's first row on screen (Page Up can go no further), whatever the bytes.
        let top_shown = self.drawn.get().area() > 0 && self.area.scroll_offset().0 == 0;
        let near_start = !self.before.is_empty() && (offset < margin || top_shown);
        let near_end = !self.after.is_empty() && len - offset < margin;
        // A window at most twice its reach each side, plus typing (see `window_around`).
        let too_long = len > LONG_NOTE_BYTES.max(8 * margin);
        if near_start || near_end || too_long {
            let text = self.text();
            let row = self.row_on_screen();
            self.slide(&text, self.before.len() + offset, Some(row));
        }
    }

    /// The window's length in bytes.
    fn window_len(&self) -> usize {
        let lines = self.area.lines();
        lines.iter().map(String::len).sum::<usize>() + lines.len().saturating_sub(1)
    }

    /// The cursor's byte offset in the window.
    fn cursor_offset(&self) -> usize {
        let DataCursor(row, col) = self.area.cursor();
        let lines = self.area.lines();
        let above: usize = lines.iter().take(row).map(|l| l.len() + 1).sum();
        let line = lines.get(row).map_or("", String::as_str);
        above + line.char_indices().nth(col).map_or(line.len(), |(i, _)| i)
    }
}

/// Draws the text area (itself, not a copy: it keeps its layout and scroll between frames)
/// and remembers where.
impl Widget for &NoteEditor {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.drawn.set(area);
        (&self.area).render(area, buf);
    }
}

/// The byte range of `text` to edit around byte `cursor`: about `reach` either side,
/// starting at a line's start and ending at a line's end where one is near, else at a word's,
/// else between two characters as the reader sees them.
fn window_around(text: &str, cursor: usize, reach: usize) -> (usize, usize) {
    let start = if cursor <= reach {
        0
    } else {
        split_before(text, cursor - reach, cursor.saturating_sub(2 * reach))
    };
    let end = if text.len() - cursor <= reach {
        text.len()
    } else {
        split_after(text, cursor + reach, (cursor + 2 * reach).min(text.len()))
    };
    (start, end)
}

/// Where a window may start, at or before `at` and not before `low`: just after a line
/// break, else at a word's start, else at a character boundary.
fn split_before(text: &str, at: usize, low: usize) -> usize {
    let at = floor_boundary(text, at);
    let low = floor_boundary(text, low);
    let span = &text.as_bytes()[low..at];
    if let Some(i) = span.iter().rposition(|&b| b == b'\n') {
        return low + i + 1;
    }
    if let Some(i) = span.iter().rposition(|&b| b == b' ') {
        return low + i + 1;
    }
    grapheme_floor(text, at)
}

/// Where a window may end, at or after `at` and not after `high`: just before a line break,
/// else just before a space, else at a character boundary.
fn split_after(text: &str, at: usize, high: usize) -> usize {
    let at = ceil_boundary(text, at);
    let high = ceil_boundary(text, high).max(at);
    let span = &text.as_bytes()[at..high];
    if let Some(i) = span.iter().position(|&b| b == b'\n') {
        return at + i;
    }
    if let Some(i) = span.iter().position(|&b| b == b' ') {
        return at + i;
    }
    // Forward, so the window still reaches past the cursor.
    let mut end = at;
    while end < text.len() && !is_grapheme_boundary(text, end) {
        end = ceil_boundary(text, end + 1);
    }
    end
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The nearest boundary between user-perceived characters at or before byte `at` (a char
/// boundary), so an emoji with its skin tone, or a letter and its accent, stay together.
/// Gives up after a few characters (a pathological run of combining marks) and splits
/// between chars, which still loses nothing.
fn grapheme_floor(text: &str, at: usize) -> usize {
    let mut i = at;
    for _ in 0..32 {
        if i == 0 || is_grapheme_boundary(text, i) {
            return i;
        }
        i = floor_boundary(text, i - 1);
    }
    at
}

fn is_grapheme_boundary(text: &str, at: usize) -> bool {
    GraphemeCursor::new(at, text.len(), true)
        .is_boundary(text, 0)
        .unwrap_or(true)
}

/// The editor's (row, column in chars) of byte `offset` of `text`.
fn row_and_col(text: &str, offset: usize) -> (usize, usize) {
    let head = &text[..offset];
    let line_start = head.rfind('\n').map_or(0, |i| i + 1);
    (
        head.bytes().filter(|&b| b == b'\n').count(),
        head[line_start..].chars().count(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui_textarea::Key;

    fn key(key: Key) -> Input {
        Input {
            key,
            ..Input::default()
        }
    }

    fn ctrl(key: Key) -> Input {
        Input {
            key,
            ctrl: true,
            ..Input::default()
        }
    }

    fn type_str(editor: &mut NoteEditor, text: &str) {
        for c in text.chars() {
            editor.input(key(Key::Char(c)));
        }
    }

    /// A little over 1 MiB of `unit` repeated: one line unless `unit` has line breaks.
    fn long(unit: &str) -> String {
        unit.repeat((1024 * 1024) / unit.len() + 1)
    }

    /// Where typing goes now, as a byte offset in the whole note.
    fn cursor_in_note(editor: &NoteEditor) -> usize {
        editor.bytes_before() + editor.cursor_offset()
    }

    #[test]
    fn a_short_note_sits_whole_in_the_editor_as_before() {
        let mut editor = NoteEditor::new("first line\nsecond");
        assert_eq!((editor.bytes_before(), editor.bytes_after()), (0, 0));
        assert_eq!(editor.area().lines(), ["first line", "second"]);
        type_str(&mut editor, " and more");
        assert_eq!(editor.text(), "first line\nsecond and more");
    }

    #[test]
    fn a_megabyte_one_line_note_holds_only_its_end_and_typing_adds_to_it() {
        let note = long("the group talked about who signs things off ");
        let mut editor = NoteEditor::new(&note);
        assert!(editor.bytes_before() > note.len() - 3 * REACH);
        assert_eq!(editor.bytes_after(), 0);
        assert!(editor.window_len() <= 2 * REACH);
        type_str(&mut editor, "and then?");
        assert_eq!(editor.text(), format!("{note}and then?"));
    }

    #[test]
    fn ctrl_home_reaches_the_first_word_of_a_long_note_to_edit_it() {
        let note = long("one line with no breaks at all ");
        let mut editor = NoteEditor::new(&note);
        editor.input(ctrl(Key::Home));
        assert_eq!(editor.bytes_before(), 0);
        assert!(editor.bytes_after() > 0);
        assert_eq!(cursor_in_note(&editor), 0);
        type_str(&mut editor, "Draft: ");
        assert_eq!(editor.text(), format!("Draft: {note}"));
        editor.input(ctrl(Key::End));
        type_str(&mut editor, "!");
        assert_eq!(editor.text(), format!("Draft: {note}!"));
    }

    #[test]
    fn home_again_and_again_walks_back_to_the_start_of_a_one_line_note() {
        // Home goes to the start of the window's line; the window then slides back, so
        // each press gets further, and the start is reached, never stuck at a window edge.
        let note = long("walking back through a very long line ");
        let mut editor = NoteEditor::new(&note);
        let mut presses = 0;
        while cursor_in_note(&editor) > 0 {
            let was = cursor_in_note(&editor);
            editor.input(key(Key::Home));
            assert!(cursor_in_note(&editor) < was, "Home made no progress");
            presses += 1;
            assert!(presses < 1000);
        }
        editor.input(key(Key::Delete));
        assert_eq!(editor.text(), note[1..]);
    }

    #[test]
    fn up_keeps_going_up_through_a_long_note_in_paragraphs() {
        let note = long("a paragraph of notes, a sentence or two long.\n");
        let mut editor = NoteEditor::new(&note);
        let lines = note.matches('\n').count();
        for _ in 0..lines {
            editor.input(key(Key::Up));
        }
        assert_eq!(cursor_in_note(&editor), 0);
        type_str(&mut editor, "Top\n");
        assert_eq!(editor.text(), format!("Top\n{note}"));
        // And back down to the end.
        for _ in 0..=lines {
            editor.input(key(Key::Down));
        }
        editor.input(key(Key::End));
        type_str(&mut editor, "end");
        assert_eq!(editor.text(), format!("Top\n{note}end"));
    }

    #[test]
    fn editing_in_the_middle_of_a_megabyte_line_changes_only_that_spot() {
        let note = long("middle of the road ");
        let mut editor = NoteEditor::new(&note);
        let middle = note.len() / 2;
        editor.jump(middle);
        assert!(editor.bytes_before() > 0 && editor.bytes_after() > 0);
        assert_eq!(cursor_in_note(&editor), middle);
        type_str(&mut editor, "HERE");
        editor.input(key(Key::Backspace));
        editor.input(key(Key::Delete));
        let expected = format!("{}HER{}", &note[..middle], &note[middle + 1..]);
        assert_eq!(editor.text(), expected);
    }

    #[test]
    fn cjk_emoji_and_crlf_at_the_window_edges_lose_and_split_nothing() {
        // No spaces and no line breaks: the window must split between characters, and
        // never inside the family emoji or the skin-toned hand.
        let unit = "漢字かな👩‍👩‍👧👋🏽é";
        let note = long(unit);
        let mut editor = NoteEditor::new(&note);
        let cut = editor.bytes_before();
        assert!(cut > 0 && is_grapheme_boundary(&note, cut));
        assert!(note[cut..].starts_with(['漢', '字', 'か', 'な', '👩', '👋', 'e']));
        type_str(&mut editor, "末");
        assert_eq!(editor.text(), format!("{note}末"));
        let middle = floor_boundary(&note, note.len() / 2);
        editor.jump(middle);
        let whole = editor.text();
        let (start, end) = (editor.bytes_before(), whole.len() - editor.bytes_after());
        assert!(is_grapheme_boundary(&whole, start) && is_grapheme_boundary(&whole, end));
        type_str(&mut editor, "中");
        assert_eq!(
            editor.text(),
            format!("{}中{}末", &note[..middle], &note[middle..])
        );
        // Windows line ends stay as they came, on both sides of every slide.
        let note = long("a line from Windows\r\n");
        let mut editor = NoteEditor::new(&note);
        editor.input(ctrl(Key::Home));
        editor.input(ctrl(Key::End));
        type_str(&mut editor, "x");
        assert_eq!(editor.text(), format!("{note}x"));
    }

    #[test]
    fn any_keys_anywhere_keep_the_note_exactly_before_window_after() {
        // Typing a char puts it at the cursor and moving changes nothing, whatever the
        // window does; a long run of mixed keys checks both after every key.
        let mut note = long("Ünïcode wörds 🎉, and\nbreaks\r\n every so often ");
        let mut editor = NoteEditor::new(&note);
        let keys = [
            key(Key::Up),
            key(Key::PageUp),
            key(Key::Home),
            key(Key::Left),
            ctrl(Key::Left),
            key(Key::Down),
            key(Key::PageDown),
            key(Key::End),
            key(Key::Right),
            ctrl(Key::Home),
            ctrl(Key::End),
        ];
        let mut seed: u64 = 15;
        for step in 0..3000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let pick = usize::try_from(seed >> 33).unwrap();
            if step % 5 == 4 {
                let at = cursor_in_note(&editor);
                editor.input(key(Key::Char('ß')));
                note.insert(at, 'ß');
            } else {
                // Runs of one key, so the cursor travels far enough to cross windows.
                for _ in 0..pick % 40 {
                    editor.input(keys[pick % keys.len()].clone());
                }
            }
            assert_eq!(editor.text(), note, "after step {step}");
            assert!(editor.window_len() <= LONG_NOTE_BYTES);
        }
    }

    /// Draw the editor in a box of 40×10 and give the cursor's row in it.
    fn draw(editor: &NoteEditor) -> usize {
        let area = Rect::new(0, 0, 40, 10);
        editor.render(area, &mut Buffer::empty(area));
        editor.row_on_screen()
    }

    #[test]
    fn the_cursor_stays_on_its_row_of_the_box_when_the_window_slides() {
        // Climbing with ↑ the cursor reaches the top row and stays there as the text
        // scrolls, slides included; a slide never throws it to the foot of the box.
        let note = long("a paragraph of notes, a sentence or two long enough to wrap.\n");
        let mut editor = NoteEditor::new(&note);
        assert_eq!(draw(&editor), 9, "a fresh editor shows the end at the foot");
        let mut slides = 0;
        for press in 0..400 {
            let before = editor.bytes_before();
            editor.input(key(Key::Up));
            let row = draw(&editor);
            slides += usize::from(editor.bytes_before() != before);
            if press >= 10 {
                assert_eq!(row, 0, "after {press} presses");
            }
        }
        assert!(slides >= 2, "{slides} slides");
        // And down again: the cursor settles on the bottom row, slides or not.
        for press in 0..400 {
            editor.input(key(Key::Down));
            let row = draw(&editor);
            if press >= 10 {
                assert_eq!(row, 9, "after {press} presses down");
            }
        }
        assert_eq!(editor.text(), note);
    }

    #[test]
    fn ctrl_end_shows_the_note_end_at_the_foot_of_the_box() {
        let note = long("one line, no breaks, ");
        let mut editor = NoteEditor::new(&note);
        draw(&editor);
        editor.input(ctrl(Key::Home));
        assert_eq!(draw(&editor), 0);
        editor.input(ctrl(Key::End));
        assert_eq!(draw(&editor), 9);
        assert_eq!(cursor_in_note(&editor), note.len());
    }

    #[test]
    fn page_up_always_gets_further_up_a_long_note() {
        let note = long("paged through, line by line, to the top.\n");
        let mut editor = NoteEditor::new(&note);
        draw(&editor);
        let mut was = cursor_in_note(&editor);
        // Until the note's first page is on screen (where Page Up, as in a short note,
        // has nowhere further to go).
        while editor.bytes_before() > 0 || editor.area().scroll_offset().0 > 0 {
            editor.input(key(Key::PageUp));
            draw(&editor);
            let now = cursor_in_note(&editor);
            assert!(now < was, "stuck at {now}");
            was = now;
        }
        assert!(was < 10 * 41, "on the first page: {was}");
        assert_eq!(editor.text(), note);
    }

    #[test]
    fn a_short_note_pasted_past_the_limit_becomes_a_window() {
        let mut editor = NoteEditor::new("start ");
        let pasted = long("pasted text ");
        editor.paste(&pasted);
        assert!(editor.bytes_before() > 0);
        assert!(editor.window_len() <= 2 * REACH);
        assert_eq!(editor.text(), format!("start {pasted}"));
    }
}
